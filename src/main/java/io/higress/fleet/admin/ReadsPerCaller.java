package io.higress.fleet.admin;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.http.Pipeline;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One caller must not starve the others: each authenticated caller (a login user or an API key) runs at most
 * {@code fleet.fanout.reads-per-caller} fleet reads ({@code GET /api/v1/fleet/...}, streamed or not) at once; one
 * more is refused with 429 {@code too-many-fleet-reads} and {@code Retry-After}, before any gateway is called. A read
 * holds its place until its answer has ended or its client went away. Not counted: {@code /fleet/health}, whose
 * cache makes at most one fan-out per targeting and TTL however many ask, and the rollout health gate's reads (they
 * have their own lane in each gateway's bulkhead).
 */
@ApplicationScoped
public class ReadsPerCaller {


    private final int limit;
    /** Callers are the configured users and API keys: a bounded set. */
    private final ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();

    public ReadsPerCaller(FleetConfig config) {
        this.limit = config.fanout().readsPerCaller();
    }

    void install(@Observes Router router) {
        // HEAD too: Quarkus REST serves it with the @GET method, fan-out included
        Pipeline.READS_PER_CALLER.place(router.routeWithRegex("/api/v1/fleet/(?!health/?$).+")
                .method(HttpMethod.GET).method(HttpMethod.HEAD)).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        Caller caller = CurrentCaller.of(ctx);
        AtomicInteger reads = running.computeIfAbsent(caller.kind() + ":" + caller.name(), k -> new AtomicInteger());
        if (reads.incrementAndGet() > limit) {
            reads.decrementAndGet();
            ProblemResponses.end(ctx, Problem.of(ProblemType.TOO_MANY_FLEET_READS, caller.name() + " already has "
                    + limit + " fleet reads running (fleet.fanout.reads-per-caller)").withRetryAfter(1L));
            return;
        }
        ctx.addEndHandler(done -> reads.decrementAndGet()); // once: on the answer's end or the connection's loss
        ctx.next();
    }
}
