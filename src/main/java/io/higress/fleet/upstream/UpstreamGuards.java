package io.higress.fleet.upstream;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.FleetConfig.GuardOverride;
import io.higress.fleet.cluster.FleetConfig.GuardSettings;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The one door for outbound calls. Every call to an Envoy admin, a Kubernetes API server or a console goes through
 * {@link #call}: its upstream's breaker and bulkhead, a per-attempt timeout, retries with exponential backoff and
 * jitter for idempotent calls, an overall deadline, metrics, and the mapping of any failure into a
 * {@link ProblemException} that names the cluster and gateway.
 * <p>
 * Guards are created once per upstream and held: at start-up for every configured API server, console and static
 * gateway, and by gateway discovery for the gateways it finds (both off the event loops), so no call on an event
 * loop pays for creating a guard and registering its meters.
 */
@ApplicationScoped
public class UpstreamGuards {

    private final FleetConfig config;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, UpstreamGuard> guards = new ConcurrentHashMap<>();

    public UpstreamGuards(FleetConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Creates the guards of every upstream the configuration names (on the main thread, before traffic). */
    void prepare(@Observes StartupEvent event, ClusterRegistry clusters) {
        for (Cluster c : clusters.all()) {
            if (c.hasKubernetes()) {
                guardFor(UpstreamRef.kubernetes(c.name()));
            }
            if (c.consoleUrl().isPresent()) {
                guardFor(UpstreamRef.console(c.name()));
            }
            c.config().gateways().direct().keySet().forEach(g -> guardFor(UpstreamRef.envoyAdmin(c.name(), g)));
        }
    }

    public <T> Uni<T> call(UpstreamRef ref, CallOptions options, Supplier<Uni<T>> action) {
        UpstreamGuard guard = guardFor(ref);
        GuardPolicy policy = guard.policy();
        Duration deadline = options.slow() ? policy.slowTimeout() : policy.timeout();
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            // This call's own failures can open the breaker, which then refuses its next attempt: the caller must
            // hear what the upstream did (500, reset, ...), not only that the breaker is now open.
            AtomicReference<Throwable> lastUpstreamFailure = new AtomicReference<>();
            Uni<T> attempt = Uni.createFrom().deferred(() -> guard.attempt(action, deadline))
                    .onFailure(t -> !UpstreamProblems.isRejectedByGuard(t)).invoke(lastUpstreamFailure::set);
            if (options.idempotent() && policy.retries() > 0) {
                attempt = attempt.onFailure(UpstreamGuards::retryable).retry()
                        .withBackOff(policy.retryBackoff(), policy.retryMaxBackoff())
                        .withJitter(0.5)
                        .atMost(policy.retries());
            }
            return attempt
                    .ifNoItem().after(deadline)
                    .failWith(() -> UpstreamException.timeout("no answer within " + deadline.toMillis() + " ms"))
                    .onItem().invoke(() -> guard.record(start, 200, null))
                    .onFailure().transform(t -> {
                        Throwable upstream = lastUpstreamFailure.get();
                        boolean refusedAfterFailing = upstream != null && guard.breakerState() == CircuitBreakerState.OPEN
                                && UpstreamProblems.unwrap(t) instanceof CircuitBreakerOpenException;
                        Problem problem = UpstreamProblems.toProblem(refusedAfterFailing ? upstream : t, ref);
                        if (refusedAfterFailing) {
                            problem = problem.withHint((problem.hint() == null ? "" : problem.hint() + "; ")
                                    + "these failures opened " + ref.id() + "'s circuit breaker: calls to it are "
                                    + "refused for " + policy.breakerDelay().toSeconds() + " s");
                        }
                        if (problem.status() == 503 && problem.retryAfterSeconds() == null) {
                            problem = problem.withRetryAfter(Math.max(1, policy.breakerDelay().toSeconds()));
                        }
                        guard.record(start, problem.status(), problem.detail());
                        return new ProblemException(problem);
                    });
        });
    }

    /** Retry only what may succeed the next time: never a 4xx, never a refusal of our own breaker or bulkhead. */
    static boolean retryable(Throwable t) {
        if (UpstreamProblems.isClientError(t) || UpstreamProblems.isRejectedByGuard(t)) {
            return false;
        }
        Throwable u = UpstreamProblems.unwrap(t);
        // A timeout has used the deadline: another attempt could not finish within it.
        return !(u instanceof UpstreamException e && e.failure() == UpstreamException.Failure.TIMEOUT)
                && !(u instanceof ProblemException);
    }

    public UpstreamGuard guardFor(UpstreamRef ref) {
        return guards.computeIfAbsent(ref.id(), id -> new UpstreamGuard(ref, policy(ref), registry));
    }

    /** The breaker state of {@code ref} without creating its guard (CLOSED before its first call). */
    public CircuitBreakerState breakerState(UpstreamRef ref) {
        UpstreamGuard guard = guards.get(ref.id());
        return guard == null ? CircuitBreakerState.CLOSED : guard.breakerState();
    }

    public GuardPolicy policy(UpstreamRef ref) {
        FleetConfig.ClusterConfig cluster = config.clusters().get(ref.cluster());
        GuardSettings defaults = switch (ref.kind()) {
            case ENVOY_ADMIN -> config.upstreams().envoyAdmin();
            case KUBERNETES -> config.upstreams().kubernetes();
            case CONSOLE -> config.upstreams().console();
        };
        if (cluster == null) {
            return GuardPolicy.of(defaults);
        }
        GuardOverride override = switch (ref.kind()) {
            case ENVOY_ADMIN -> cluster.upstreams().envoyAdmin();
            case KUBERNETES -> cluster.upstreams().kubernetes();
            case CONSOLE -> cluster.upstreams().console();
        };
        return GuardPolicy.of(defaults, override);
    }

    public Collection<UpstreamGuard> all() {
        return List.copyOf(guards.values());
    }
}
