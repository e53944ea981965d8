package io.higress.fleet.upstream;

import io.higress.fleet.cluster.StartupOrder;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.FleetConfig.GuardOverride;
import io.higress.fleet.cluster.FleetConfig.GuardSettings;
import io.higress.fleet.cluster.GuardPolicy;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one door for outbound calls. Every call to an Envoy admin, a Kubernetes API server or a console goes through
 * {@link #call}: its upstream's breaker and bulkhead ({@link UpstreamGuard}), retries with exponential backoff and
 * jitter for idempotent calls, an overall deadline, metrics, and the mapping of any failure into a
 * {@link ProblemException} that names the cluster and gateway.
 * <p>
 * Guards are created once per upstream and held: at start-up for every configured API server, console and static
 * gateway, and by gateway discovery for the gateways it finds (both off the event loops), so no call pays for
 * creating a guard or registering its meters.
 */
@ApplicationScoped
public class UpstreamGuards {

    private final FleetConfig config;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, UpstreamGuard> guards = new ConcurrentHashMap<>();
    /** Clusters registered through the API, whose guard overrides are not in the fleet file. */
    private final ConcurrentHashMap<String, FleetConfig.ClusterConfig> registered = new ConcurrentHashMap<>();

    public UpstreamGuards(FleetConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Creates the guards of every upstream known from the configuration (on the main thread, before traffic). */
    void prepare(@Observes @Priority(StartupOrder.GUARDS) StartupEvent event, ClusterRegistry clusters) {
        clusters.all().forEach(this::prepare);
    }

    private void prepare(Cluster c) {
        if (c.hasKubernetes()) {
            guardFor(UpstreamRef.kubernetes(c.name()));
        }
        if (c.consoleUrl().isPresent()) {
            guardFor(UpstreamRef.console(c.name()));
        }
        c.config().gateways().direct().keySet().forEach(g -> guardFor(UpstreamRef.envoyAdmin(c.name(), g)));
    }

    /**
     * A registered cluster changed or went: its guards and their meters go (a changed one may have other
     * settings); an added or changed one's are created at once, on the watch's thread.
     */
    void changed(@Observes @Priority(ClusterChange.GUARDS) ClusterChange change) {
        guards.values().removeIf(g -> {
            boolean gone = g.ref().cluster().equals(change.name());
            if (gone) {
                g.unregister();
            }
            return gone;
        });
        if (change.current() == null) {
            registered.remove(change.name());
        } else {
            registered.put(change.name(), change.current().config());
            prepare(change.current());
        }
    }

    public <T> Uni<T> call(UpstreamRef ref, CallOptions options, Supplier<Uni<T>> action) {
        return call(guardFor(ref), options, action);
    }

    public <T> Uni<T> call(UpstreamGuard guard, CallOptions options, Supplier<Uni<T>> action) {
        long callNanos = guard.deadline(options).toNanos();
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Call<T> call = new Call<>(guard, options, action, start, callNanos);
            return call.attempt(1)
                    .onItem().invoke(() -> guard.record(start, 200, null))
                    .onFailure().transform(call::problem);
        });
    }

    /** One call's attempts: what the upstream did last is what the caller hears, even if a retry was refused. */
    private static final class Call<T> {
        private final UpstreamGuard guard;
        private final CallOptions options;
        private final Supplier<Uni<T>> action;
        private final long start;
        private final long callNanos;
        private volatile Throwable lastUpstreamFailure;

        Call(UpstreamGuard guard, CallOptions options, Supplier<Uni<T>> action, long start, long callNanos) {
            this.guard = guard;
            this.options = options;
            this.action = action;
            this.start = start;
            this.callNanos = callNanos;
        }

        Uni<T> attempt(int n) {
            return guard.attempt(action, options.priority(), start, callNanos).onFailure().recoverWithUni(t -> {
                if (!UpstreamProblems.isRejectedByGuard(t)) {
                    lastUpstreamFailure = t;
                }
                GuardPolicy policy = guard.policy();
                if (!options.idempotent() || n > policy.retries() || !retryable(t)) {
                    return Uni.createFrom().failure(t);
                }
                Duration pause = backoff(policy, n);
                if (System.nanoTime() + pause.toNanos() >= start + callNanos) {
                    return Uni.createFrom().failure(t); // no time left for another attempt
                }
                return pause.toMillis() < 1 ? attempt(n + 1) // Vert.x timers take nothing shorter
                        : Uni.createFrom().voidItem().onItem().delayIt().by(pause).chain(() -> attempt(n + 1));
            });
        }

        ProblemException problem(Throwable t) {
            Throwable upstream = lastUpstreamFailure;
            UpstreamRef ref = guard.ref();
            boolean refusedAfterFailing = upstream != null && upstream != t && UpstreamProblems.isRejectedByGuard(t);
            Problem problem = UpstreamProblems.toProblem(refusedAfterFailing ? upstream : t, ref);
            if (refusedAfterFailing && guard.breakerState() == BreakerState.OPEN
                    && t instanceof UpstreamRefused r && r.reason() == UpstreamRefused.Reason.BREAKER_OPEN) {
                problem = problem.withHint((problem.hint() == null ? "" : problem.hint() + "; ")
                        + "these failures opened " + ref.id() + "'s circuit breaker: calls to it are "
                        + "refused for " + guard.policy().breakerDelay().toSeconds() + " s");
            }
            if (problem.status() == 503 && problem.retryAfterSeconds() == null) {
                problem = problem.withRetryAfter(Math.max(1, guard.policy().breakerDelay().toSeconds()));
            }
            guard.record(start, problem.status(), problem.detail());
            return t instanceof UpstreamRefused r && !refusedAfterFailing ? r : new ProblemException(problem);
        }
    }

    /** Exponential from retry-backoff, capped at retry-max-backoff, with ±50 % jitter. */
    static Duration backoff(GuardPolicy policy, int attempt) {
        long base = policy.retryBackoff().toNanos() << Math.min(20, attempt - 1);
        long capped = Math.min(base, policy.retryMaxBackoff().toNanos());
        return Duration.ofNanos((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble())));
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

    /** The guard of {@code ref}, created if it is the first call (normally it was prepared before). */
    public UpstreamGuard guardFor(UpstreamRef ref) {
        UpstreamGuard guard = guards.get(ref.id());
        return guard != null ? guard : guards.computeIfAbsent(ref.id(), id -> new UpstreamGuard(ref, policy(ref), registry));
    }

    /**
     * Drops the Envoy admin guards (and their meters) of {@code cluster}'s gateways that are not in {@code listed}:
     * pods come and go, and their names with them; without this the guards and series would grow with every rollout
     * of the gateway.
     */
    public void retainGateways(String cluster, Set<String> listed) {
        guards.values().removeIf(g -> {
            UpstreamRef ref = g.ref();
            boolean gone = ref.kind() == UpstreamKind.ENVOY_ADMIN && ref.cluster().equals(cluster)
                    && !listed.contains(ref.gateway());
            if (gone) {
                g.unregister();
            }
            return gone;
        });
    }

    /** The breaker state of {@code ref}, without creating its guard (CLOSED when it has none yet). */
    public BreakerState breakerState(UpstreamRef ref) {
        UpstreamGuard guard = guards.get(ref.id());
        return guard == null ? BreakerState.CLOSED : guard.breakerState();
    }

    public GuardPolicy policy(UpstreamRef ref) {
        FleetConfig.ClusterConfig cluster = config.clusters().get(ref.cluster());
        if (cluster == null) {
            cluster = registered.get(ref.cluster());
        }
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
