package io.higress.fleet.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guard of ONE upstream: circuit breaker and bulkhead (SmallRye Fault Tolerance), per-attempt timeout, and the
 * upstream's metrics. Created once per upstream by {@link UpstreamGuards} and kept: breaker names are global.
 */
public final class UpstreamGuard {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final UpstreamRef ref;
    private final GuardPolicy policy;
    private final Guard guard;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Tags tags;
    private final ConcurrentHashMap<Integer, Counter> outcomes = new ConcurrentHashMap<>();
    private final AtomicReference<CircuitBreakerState> breaker = new AtomicReference<>(CircuitBreakerState.CLOSED);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile LastError lastError;

    @RegisterForReflection
    @Schema(name = "UpstreamLastError")
    public record LastError(Instant at, int status, String detail) {
    }

    UpstreamGuard(UpstreamRef ref, GuardPolicy policy, MeterRegistry registry) {
        this.ref = ref;
        this.policy = policy;
        this.registry = registry;
        this.tags = Tags.of("kind", ref.kind().id(), "cluster", ref.cluster(),
                "gateway", ref.gateway() == null ? "" : ref.gateway());
        this.guard = Guard.create()
                .withDescription(ref.id())
                .withThreadOffload(false)
                .withCircuitBreaker()
                    .name(ref.id())
                    .requestVolumeThreshold(policy.breakerWindow())
                    .failureRatio(policy.breakerFailureRatio())
                    .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    // A 4xx is the caller's or our mistake, not a sign of a sick upstream.
                    .when(t -> !UpstreamProblems.isClientError(t))
                    .onStateChange(breaker::set)
                    .done()
                .withBulkhead()
                    .limit(policy.concurrency())
                    .queueSize(policy.queue())
                    .done()
                .build();
        this.latency = Timer.builder("fleet.upstream.latency")
                .description("Latency of calls to one upstream, retries included")
                .tags(tags)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("fleet.upstream.breaker.state", breaker, b -> stateValue(b.get()))
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                .tags(tags).register(registry);
        Gauge.builder("fleet.upstream.in.flight", inFlight, AtomicInteger::get)
                .description("Calls to this upstream in flight").tags(tags).register(registry);
    }

    /** One attempt, inside the breaker and the bulkhead, cut off after {@code timeout}. */
    @SuppressWarnings("unchecked")
    <T> Uni<T> attempt(Supplier<Uni<T>> action, Duration timeout) {
        Supplier<Uni<Object>> guarded = () -> (Uni<Object>) Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            return action.get()
                    .ifNoItem().after(timeout)
                    .failWith(() -> UpstreamException.timeout("no answer within " + timeout.toMillis() + " ms"))
                    .onTermination().invoke(inFlight::decrementAndGet);
        });
        return (Uni<T>) guard.get(guarded, UNI);
    }

    void record(long startNanos, int mappedStatus, String detail) {
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        outcomes.computeIfAbsent(mappedStatus, s -> Counter.builder("fleet.upstream.calls")
                .description("Calls to one upstream by the facade's mapped status")
                .tags(tags.and("outcome", Integer.toString(s))).register(registry)).increment();
        if (mappedStatus < 400) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            lastError = new LastError(Instant.now(), mappedStatus, detail);
        }
    }

    private static double stateValue(CircuitBreakerState s) {
        return switch (s) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    public UpstreamRef ref() {
        return ref;
    }

    public GuardPolicy policy() {
        return policy;
    }

    public CircuitBreakerState breakerState() {
        return breaker.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long okCount() {
        return ok.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public LastError lastError() {
        return lastError;
    }

    /** Latency percentile in milliseconds (0.5 or 0.99), or null before the first call. */
    public Double latencyMillis(double percentile) {
        if (latency.count() == 0) {
            return null;
        }
        for (ValueAtPercentile v : latency.takeSnapshot().percentileValues()) {
            if (v.percentile() == percentile) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return null;
    }
}
