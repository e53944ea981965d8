package io.higress.fleet.security;

import io.higress.fleet.http.Pipeline;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.AccessTable.Requirement;
import io.higress.fleet.security.audit.AuditRecorder;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
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
    private final boolean corsEnabled;
    private AccessTable table;

    public SecurityGate(Credentials credentials, AuditRecorder audit,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled) {
        this.credentials = credentials;
        this.audit = audit;
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
        if (caller.isEmpty()) {
            String detail = bearer.isEmpty() ? "this call needs 'Authorization: Bearer <login token or API key>'"
                    : "the bearer token is invalid or expired";
            ctx.response().putHeader("WWW-Authenticate", bearer.isEmpty() ? "Bearer realm=\"higress-fleet\""
                    : "Bearer realm=\"higress-fleet\", error=\"invalid_token\"");
            deny(ctx, Problem.of(ProblemType.UNAUTHORIZED, detail));
            return;
        }
        ctx.put(CurrentCaller.KEY, caller.get());
        if (!caller.get().has(needed.role())) {
            deny(ctx, Problem.of(ProblemType.FORBIDDEN, ctx.request().method().name() + " " + path + " needs the role '"
                    + needed.role().label() + "'").withHint("ask an administrator for the role '"
                    + needed.role().label() + "' (or higher); you have " + caller.get().roleLabels()));
            return;
        }
        ctx.next();
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
