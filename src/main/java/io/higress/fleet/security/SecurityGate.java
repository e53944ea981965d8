package io.higress.fleet.security;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.http.Pipeline;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.AccessTable.Reach;
import io.higress.fleet.security.AccessTable.Requirement;
import io.higress.fleet.security.audit.AuditRecorder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authentication and authorisation of every HTTP request, REST endpoints and /q/* alike, before any of them runs:
 * the {@link AccessTable} says what the method + path needs, the bearer credential says who calls. Cheap checks
 * only (HMAC or SHA-256), so it runs on the event loop; slow password checks happen in the login resource.
 */
public class SecurityGate {


    private final Credentials credentials;
    private final AuditRecorder audit;
    private final ClusterRegistry registry;
    private final OidcBearer oidc;
    private final boolean corsEnabled;
    private AccessTable table;

    public SecurityGate(Credentials credentials, AuditRecorder audit, ClusterRegistry registry, OidcBearer oidc,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled) {
        this.credentials = credentials;
        this.audit = audit;
        this.registry = registry;
        this.oidc = oidc;
        this.corsEnabled = corsEnabled;
    }

    void install(@Observes Router router) {
        table = AccessTable.standard(credentials.metricsRole());
        Pipeline.SECURITY_GATE.place(router.route()).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = RequestPaths.canonical(ctx.request().path());
        audit.watch(ctx, path);
        if (corsEnabled && isCorsPreflight(ctx)) {
            ctx.next(); // carries no credential by design; answered (and ended) by Quarkus' CORS filter
            return;
        }
        // without CORS a "preflight" is a plain OPTIONS that an endpoint would answer (/q/metrics does): it needs a
        // credential like any other call
        Requirement needed = table.requirementFor(ctx.request().method().name(), path);
        if (needed.isOpen()) {
            ctx.next();
            return;
        }
        Optional<String> bearer = bearer(ctx);
        Optional<Caller> caller = bearer.flatMap(credentials::authenticate);
        if (caller.isEmpty() && bearer.isPresent() && oidc.enabled()) {
            // not ours: maybe the OIDC provider's. Its check may fetch the provider's keys (non-blocking): the
            // request waits paused, so that no body byte is lost, and goes on on its own context
            ctx.request().pause();
            Context context = Vertx.currentContext();
            oidc.authenticate(bearer.get()).subscribe().with(found -> context.runOnContext(v -> {
                ctx.request().resume();
                admit(ctx, path, needed, bearer, found);
            }));
            return;
        }
        admit(ctx, path, needed, bearer, caller);
    }

    private void admit(RoutingContext ctx, String path, Requirement needed, Optional<String> bearer,
            Optional<Caller> caller) {
        if (caller.isEmpty()) {
            String detail = bearer.isEmpty() ? "this call needs 'Authorization: Bearer <login token, API key"
                    + (oidc.enabled() ? " or OIDC token" : "") + ">'"
                    : "the bearer token is invalid or expired";
            ctx.response().putHeader("WWW-Authenticate", bearer.isEmpty() ? "Bearer realm=\"higress-fleet\""
                    : "Bearer realm=\"higress-fleet\", error=\"invalid_token\"");
            deny(ctx, Problem.of(ProblemType.UNAUTHORIZED, detail));
            return;
        }
        ctx.put(CurrentCaller.KEY, caller.get());
        Role role = needed.role();
        boolean everywhere = needed.reach() == Reach.EVERYWHERE;
        if (everywhere ? !caller.get().has(role) : !caller.get().hasSomewhere(role)) {
            String where = everywhere ? " on every cluster" : "";
            deny(ctx, Problem.of(ProblemType.FORBIDDEN, ctx.request().method().name() + " " + path + " needs the role '"
                    + role.label() + "'" + where).withHint("ask an administrator for the role '" + role.label()
                    + "' (or higher)" + (everywhere ? " without a selector" : "") + "; you have "
                    + caller.get().grantLabels()));
            return;
        }
        ctx.put(ScopedTargets.NEEDED, role);
        ScopedTargets.remember(ctx);
        if (!everywhere && !caller.get().has(role)) {
            // the targets the request names, before any body is read: a call to a cluster outside the caller's
            // bindings is a 403 whatever else is wrong with it (selections inside the endpoints check again)
            Optional<Problem> outside = namedTargetsOutsideScope(ctx, path);
            if (outside.isPresent()) {
                deny(ctx, outside.get());
                return;
            }
        }
        ctx.next();
    }

    /** The cluster of {@code /api/v1/clusters/{cluster}/...} and the clusters= / selector= of the query. */
    private Optional<Problem> namedTargetsOutsideScope(RoutingContext ctx, String path) {
        Caller caller = CurrentCaller.of(ctx);
        Role role = ScopedTargets.neededRole(ctx);
        String[] segments = path.split("/");
        // "", "api", "v1", "clusters", "<name>", ...
        if (segments.length >= 5 && segments[1].equals("api") && segments[3].equals("clusters")) {
            Optional<Cluster> named = registry.find(segments[4]);
            if (named.isPresent() && !caller.mayOn(role, named.get().labels())) {
                return Optional.of(ScopedTargets.outsideScope(caller, role, List.of(named.get().name()), true));
            }
        }
        List<String> clusters = ctx.queryParam("clusters");
        List<String> selector = ctx.queryParam("selector");
        if (clusters.size() != 1 && selector.size() != 1) {
            return Optional.empty(); // none, or repeated: the endpoint answers (a repeated parameter is its 400)
        }
        try {
            registry.select(clusters.size() == 1 ? clusters.get(0) : null, selector.size() == 1 ? selector.get(0) : null);
            return Optional.empty();
        } catch (ProblemException e) {
            // a 403 is the scope's; a malformed or unknown target is the endpoint's 400/404, answered as always
            return e.problem().status() == 403 ? Optional.of(e.problem()) : Optional.empty();
        }
    }

    static Optional<String> bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = h.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static boolean isCorsPreflight(RoutingContext ctx) {
        return "OPTIONS".equals(ctx.request().method().name()) && ctx.request().getHeader("Origin") != null
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
    }

    private static void deny(RoutingContext ctx, Problem problem) {
        Problem p = ProblemResponses.complete(problem, ctx.request());
        ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(p));
    }
}
