package io.higress.fleet.security;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.TargetScope;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The scope check of every selection ({@link TargetScope}): the clusters a request targets against the caller's
 * role bindings, for the role the request needs ({@link SecurityGate} records it). Runs inside
 * {@code ClusterRegistry.select}, so before any endpoint calls a cluster. A target outside the scope is a 403
 * naming it; a read that named no target is narrowed to the clusters the caller may read (a platform engineer's
 * "show me my clusters"), while a write that named none is refused, never silently narrowed.
 * A selection made where no request can be found fails closed (403): the facade's own work (rollout waves, the
 * informers) names its clusters and does not select, or selects inside {@link #asFacade}, so a request whose
 * context was lost on the way (a hop to another thread) is refused rather than let through unchecked.
 */
@ApplicationScoped
public class ScopedTargets implements TargetScope {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ScopedTargets.class);

    /** RoutingContext attribute: the {@link Role} the request needs (from the access table). */
    static final String NEEDED = "fleet.security.needed-role";
    /** Local of the request's duplicated Vert.x context: its RoutingContext, for Vert.x routes without CDI. */
    private static final String REQUEST = "fleet.security.request";
    /** Answer header of a narrowed read: the answer covers the caller's clusters only. */
    public static final String NARROWED_HEADER = "X-Fleet-Scope";

    /** Set while the facade selects for its own work, on this thread only: no caller, nothing to check. */
    private static final ThreadLocal<Boolean> FACADE = new ThreadLocal<>();

    private final CurrentVertxRequest current;

    public ScopedTargets(CurrentVertxRequest current) {
        this.current = current;
    }

    /** Called by the gate: later selections on this request's context find it without CDI. */
    static void remember(RoutingContext ctx) {
        Context c = Vertx.currentContext();
        if (c != null && VertxContext.isDuplicatedContext(c)) { // a root context is shared by many requests
            c.putLocal(REQUEST, ctx);
        }
    }

    /** Runs {@code work} (synchronous selections) as the facade itself, not as a caller. */
    public static <T> T asFacade(java.util.function.Supplier<T> work) {
        Boolean outer = FACADE.get();
        FACADE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            FACADE.set(outer);
        }
    }

    @Override
    public List<Cluster> admit(List<Cluster> selected, boolean explicit) {
        RoutingContext ctx = request();
        if (ctx == null && Boolean.TRUE.equals(FACADE.get())) {
            return selected;
        }
        if (ctx == null) {
            LOG.errorf("a selection of clusters %s outside any request: refused (a bug: please report it)",
                    selected.stream().map(Cluster::name).toList());
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "the caller of this selection is unknown, "
                    + "so its scope cannot be checked").withHint("this is a defect of the facade; please report it"));
        }
        return admit(ctx, selected, explicit);
    }

    static List<Cluster> admit(RoutingContext ctx, List<Cluster> selected, boolean explicit) {
        Caller caller = CurrentCaller.of(ctx);
        Role needed = neededRole(ctx);
        if (caller.kind() == Caller.Kind.ANONYMOUS || caller.has(needed)) {
            return selected; // an open path selects nothing of its own; an unscoped role holds everywhere
        }
        List<Cluster> allowed = selected.stream().filter(c -> caller.mayOn(needed, c.labels())).toList();
        if (allowed.size() == selected.size()) {
            return selected;
        }
        List<String> outside = selected.stream().filter(c -> !allowed.contains(c)).map(Cluster::name).toList();
        boolean read = needed == Role.VIEWER && isRead(ctx);
        if (read && !explicit && !allowed.isEmpty()) {
            ctx.response().putHeader(NARROWED_HEADER, "narrowed");
            return allowed;
        }
        throw new ProblemException(outsideScope(caller, needed, outside, explicit));
    }

    /** The 403 of a target outside the caller's scope, naming each cluster (also for views of rollouts). */
    public static Problem outsideScope(Caller caller, Role needed, List<String> outside, boolean explicit) {
        String hint = explicit ? "target only clusters your role bindings cover; you have " + caller.grantLabels()
                : "this call names no clusters or selector, so it targets every cluster: give clusters= or "
                        + "selector= within your role bindings " + caller.grantLabels();
        return Problem.of(ProblemType.FORBIDDEN, "the role '" + needed.label() + "' is not yours on the cluster(s) "
                + String.join(", ", outside)).withHint(hint)
                .withErrors(outside.stream().map(c -> new Problem.FieldError("clusters", "'" + c
                        + "' is outside your scope for the role '" + needed.label() + "'")).toList());
    }

    static Role neededRole(RoutingContext ctx) {
        Role r = ctx.get(NEEDED);
        return r != null ? r : isRead(ctx) ? Role.VIEWER : Role.OPERATOR;
    }

    private static boolean isRead(RoutingContext ctx) {
        String m = ctx.request().method().name();
        return m.equals("GET") || m.equals("HEAD");
    }

    private RoutingContext request() {
        Context c = Vertx.currentContext();
        if (c != null && VertxContext.isDuplicatedContext(c)) {
            RoutingContext ctx = c.getLocal(REQUEST);
            if (ctx != null) {
                return ctx;
            }
        }
        if (Arc.container() != null && Arc.container().requestContext().isActive()) {
            return current.getCurrent();
        }
        return null;
    }
}
