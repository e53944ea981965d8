package io.higress.fleet.security.audit;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.SecurityConfig;
import io.higress.fleet.security.redaction.Redaction;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what is audited and turns a finished request into an {@link AuditEntry}: every write under /api (any
 * method but GET, HEAD, OPTIONS; login included) and every denied call anywhere (401, 403, 429). The security
 * gate calls {@link #watch} for each request; resources need not do anything, but may add a target with
 * {@link #target(RoutingContext, String, String)} and what a write did with {@link #writes(RoutingContext, List)}.
 * Writes no request carries (a rollout's waves and rollbacks) are recorded with {@link #background}.
 */
@ApplicationScoped
public class AuditRecorder {

    /** RoutingContext attribute: the user name a login attempt claimed (the login resource sets it). */
    public static final String ATTEMPTED_USER = "fleet.audit.attempted-user";
    private static final String TARGETS = "fleet.audit.targets";
    private static final String WRITES = "fleet.audit.writes";
    /** The principal of writes the facade makes on its own (a rollout's waves, its rollback). */
    public static final String FACADE = "higress-fleet";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final AuditLog log;
    private final Redaction redaction;

    public AuditRecorder(FleetConfig fleet, SecurityConfig security, Redaction redaction) {
        this.redaction = redaction;
        SecurityConfig.Audit a = security.audit();
        this.log = new AuditLog(Path.of(fleet.dataDir(), "audit"), a.maxFileBytes(), a.maxFiles(), a.fsync());
    }

    public AuditLog log() {
        return log;
    }

    /** Records the request when it ends, if it is a write or was denied. */
    public void watch(RoutingContext ctx, String canonicalPath) {
        String method = ctx.request().method().name();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            if (isAudited(method, canonicalPath, status)) {
                log.append(entry(ctx, method, canonicalPath, status));
            }
        });
    }

    /** Adds a target (e.g. "rollout" -> id) to the request's audit entry. */
    public static void target(RoutingContext ctx, String name, String value) {
        Map<String, String> targets = ctx.get(TARGETS);
        if (targets == null) {
            targets = new LinkedHashMap<>();
            ctx.put(TARGETS, targets);
        }
        targets.put(name, value);
    }

    /** What the request's write did, object by object and cluster by cluster. */
    public static void writes(RoutingContext ctx, List<AuditedWrite> writes) {
        ctx.put(WRITES, List.copyOf(writes));
    }

    /** A write without a request: {@code action} like {@code "APPLY /api/v1/rollouts/<id>"}. */
    public void background(String action, Map<String, String> targets, List<AuditedWrite> writes, boolean failed) {
        Map<String, String> safe = new LinkedHashMap<>(targets);
        redact(safe);
        log.append(new AuditEntry(now(), null, FACADE, List.of(), action, safe, List.copyOf(writes),
                failed ? 500 : 200, failed ? "failed" : "ok", null));
    }

    static boolean isAudited(String method, String canonicalPath, int status) {
        boolean write = canonicalPath.startsWith("/api/") && !READS.contains(method);
        return write || "denied".equals(AuditEntry.outcomeOf(status));
    }

    private AuditEntry entry(RoutingContext ctx, String method, String path, int status) {
        Caller caller = CurrentCaller.of(ctx);
        String principal = caller.name();
        String attempted = ctx.get(ATTEMPTED_USER);
        if (caller.kind() == Caller.Kind.ANONYMOUS && attempted != null) {
            // a user name is not a secret, but a password typed in its place is: keep only name-like values
            principal = SAFE_NAME.matcher(attempted).matches() ? attempted : "(not a user name)";
        }
        Map<String, String> targets = new LinkedHashMap<>();
        putIfPresent(targets, "clusters", ctx.queryParams().get("clusters"));
        putIfPresent(targets, "selector", ctx.queryParams().get("selector"));
        putIfPresent(targets, "resource", resourceOf(path));
        Map<String, String> extra = ctx.get(TARGETS);
        if (extra != null) {
            targets.putAll(extra);
        }
        redact(targets);
        return new AuditEntry(now(), ctx.response().headers().get(ProblemResponses.REQUEST_ID), principal,
                caller.roleLabels(), method + " " + path, targets, ctx.get(WRITES), status, AuditEntry.outcomeOf(status),
                ctx.request().remoteAddress() != null ? ctx.request().remoteAddress().host() : null);
    }

    /** The file is read by admins and backups alike: never a secret in it, whoever called. */
    private void redact(Map<String, String> targets) {
        targets.replaceAll((name, value) -> redaction.isSecret(name) ? Redaction.REDACTED : redaction.redact(value));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** "/api/v1/routes/r1/..." -> "routes/r1": the collection and the named resource, when the path has one. */
    static String resourceOf(String path) {
        List<String> s = List.of(path.replaceFirst("^/api/v1/?", "").split("/"));
        return s.size() >= 2 && !s.get(1).isEmpty() ? s.get(0) + "/" + s.get(1) : null;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v.length() > 256 ? v.substring(0, 256) : v);
        }
    }

    @PreDestroy
    void close() {
        log.close();
    }
}
