package io.higress.fleet.upstream;

import io.higress.fleet.cluster.GuardPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guard of ONE upstream: its {@link CircuitBreaker}, its {@link Bulkhead}, the attempt's time limit and its
 * meters, all created once (eagerly, see {@link UpstreamGuards}) and held, so a call does no meter look-up.
 * <p>
 * Why not SmallRye Fault Tolerance's {@code Guard}, which this replaced. Its bulkhead sits inside its breaker, so a
 * bulkhead refusal reached the breaker as a failure: 100 parallel dashboard reads opened every healthy gateway's
 * breaker (GuardsUnderLoadTest failed with it). Excluding the refusal with {@code when(...)} makes it a
 * <em>success</em> instead, which dilutes real failures (its breaker records every outcome it sees). Its bulkhead
 * has one FIFO queue, so the rollout gate's reads could not go first. Its per-guard metrics were registered on the
 * first call, on an event loop. Cost was not the reason: measured by {@code GuardOverhead} (one thread, an answer
 * already there, load 1.2 on the 2-core machine), SmallRye's Guard alone cost 1.9 µs and 1.0 KB per call, this
 * guard 1.4 µs and 0.8 KB; the whole former call path (with Mutiny's retry and deadline operators) 8.5 µs and
 * 4.0 KB, today's {@link UpstreamGuards#call} 3.2 µs and 1.2 KB. The semantics kept: per-upstream breaker and
 * bulkhead, per-attempt time limit; retries and the overall deadline are {@link UpstreamGuards}'.
 */
public final class UpstreamGuard {

    private static final int MAX_STATUS = 600;
    /** What the error model maps an upstream's answer or failure to (UpstreamProblems): registered up front. */
    private static final int[] MAPPED_STATUSES = {200, 400, 404, 409, 422, 500, 502, 503, 504};
    /** The shortest timer scheduled: an attempt with less time left gets this much. */
    private static final long MIN_TIMER_NANOS = 1_000_000;

    private final UpstreamRef ref;
    private final GuardPolicy policy;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer latency;
    private final AtomicReferenceArray<Counter> outcomes = new AtomicReferenceArray<>(MAX_STATUS);
    /** Everything this guard registered, removed with it when its upstream is gone (a pod replaced). */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
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
        this.breaker = new CircuitBreaker(policy.breakerWindow(), policy.breakerMinCalls(),
                policy.breakerFailureRatio(), policy.breakerDelay().toNanos());
        this.bulkhead = new Bulkhead(policy.concurrency(), policy.queue());
        this.tags = Tags.of("kind", ref.kind().id(), "cluster", ref.cluster(),
                "gateway", ref.gateway() == null ? "" : ref.gateway());
        this.latency = Timer.builder("fleet.upstream.latency")
                .description("Latency of calls to one upstream, retries included")
                .tags(tags)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        meters.add(latency);
        meters.add(Gauge.builder("fleet.upstream.breaker.state", breaker, b -> b.state().gaugeValue())
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("fleet.upstream.in.flight", inFlight, AtomicInteger::get)
                .description("Calls to this upstream in flight").tags(tags).register(registry));
        for (int status : MAPPED_STATUSES) {
            outcome(status);
        }
    }

    /** The deadline of one call with these options (retries included). */
    public Duration deadline(CallOptions options) {
        return options.slow() ? policy.slowTimeout() : policy.timeout();
    }

    /**
     * One attempt of a call that started at {@code callStartNanos} with {@code callNanos} to finish: refused at once
     * when the breaker is open or the bulkhead's lane is full; otherwise it waits for a slot until half the call's
     * time has passed (then it is refused: the facade is busy), and the action runs until the call's deadline. A
     * timed-out attempt counts against the breaker only when it had at least half the call's time: one that queued
     * longer, or a retry late in the call, ran out of the facade's time rather than the upstream's.
     */
    <T> Uni<T> attempt(Supplier<Uni<T>> action, boolean priority, long callStartNanos, long callNanos) {
        return Uni.createFrom().emitter(emitter -> new Attempt<>(action, emitter, callStartNanos, callNanos)
                .begin(priority));
    }

    /**
     * One attempt's way through the bulkhead and the breaker. Whichever of settling, refusing and the subscriber's
     * cancellation comes first ends it ({@code ended}) and frees what it holds; the others then do nothing.
     */
    private final class Attempt<T> extends Bulkhead.Waiter {
        private final Supplier<Uni<T>> action;
        private final UniEmitter<? super T> emitter;
        private final long callStartNanos;
        private final long callNanos;
        private boolean queued;
        private boolean running;
        private boolean ended;
        private ScheduledFuture<?> giveUp;
        private Cancellable upstream;
        private CircuitBreaker.Permit permit;
        private long startedNanos;

        Attempt(Supplier<Uni<T>> action, UniEmitter<? super T> emitter, long callStartNanos, long callNanos) {
            this.action = action;
            this.emitter = emitter;
            this.callStartNanos = callStartNanos;
            this.callNanos = callNanos;
        }

        void begin(boolean priority) {
            if (breaker.refusesNow()) {
                emitter.fail(breakerOpen());
                return;
            }
            emitter.onTermination(this::cancelled);
            switch (bulkhead.enter(priority, this)) {
                case ENTERED -> run();
                case FULL -> refuse("too many calls in flight to " + ref.id() + " (" + policy.concurrency()
                        + " running, " + policy.queue() + " waiting)");
                case QUEUED -> queue();
            }
        }

        private void queue() {
            long wait = callStartNanos + callNanos / 2 - System.nanoTime();
            synchronized (this) {
                queued = true;
                giveUp = Infrastructure.getDefaultWorkerPool().schedule(this::waitedTooLong,
                        Math.max(MIN_TIMER_NANOS, wait), TimeUnit.NANOSECONDS);
            }
        }

        private void waitedTooLong() {
            if (bulkhead.leave(this)) {
                refuse("no free slot for " + ref.id() + " within " + callNanos / 2_000_000 + " ms ("
                        + policy.concurrency() + " calls in flight)");
            }
        }

        @Override
        void granted() {
            ScheduledFuture<?> timer;
            boolean gone;
            synchronized (this) {
                timer = giveUp;
                gone = ended;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            if (gone) {
                bulkhead.release();
                return;
            }
            run();
        }

        private void run() {
            permit = breaker.tryAcquire();
            if (permit == CircuitBreaker.Permit.REFUSED) {
                bulkhead.release();
                end(breakerOpen());
                return;
            }
            startedNanos = System.nanoTime();
            long remaining = callStartNanos + callNanos - startedNanos;
            inFlight.incrementAndGet();
            synchronized (this) {
                running = true;
                if (ended) { // cancelled while it was being granted
                    finishRunning();
                    breaker.ignore(permit);
                    return;
                }
            }
            Cancellable c;
            try {
                c = action.get().ifNoItem().after(Duration.ofNanos(Math.max(MIN_TIMER_NANOS, remaining)))
                        .failWith(() -> UpstreamException.timeout("no answer within " + callNanos / 1_000_000 + " ms"))
                        .subscribe().with(item -> settled(item, null), error -> settled(null, error));
            } catch (RuntimeException e) {
                settled(null, e);
                return;
            }
            boolean cancelledMeanwhile;
            synchronized (this) {
                upstream = c;
                cancelledMeanwhile = ended;
            }
            if (cancelledMeanwhile) {
                c.cancel(); // harmless when it had settled; stops it when the subscriber went away meanwhile
            }
        }

        private void settled(T item, Throwable error) {
            if (!markEnded()) {
                return;
            }
            finishRunning();
            if (error == null || UpstreamProblems.isClientError(error)) {
                breaker.success(permit);
            } else if (countsAgainstUpstream(error)) {
                breaker.failure(permit);
            } else {
                breaker.ignore(permit);
            }
            emit(item, error);
        }

        /** A timeout counts only when the attempt had half the call's time; every other upstream failure counts. */
        private boolean countsAgainstUpstream(Throwable error) {
            if (UpstreamProblems.unwrap(error) instanceof UpstreamException u
                    && u.failure() == UpstreamException.Failure.TIMEOUT) {
                return System.nanoTime() - startedNanos >= callNanos / 2;
            }
            return !UpstreamProblems.isRejectedByGuard(error);
        }

        private void refuse(String detail) {
            end(new UpstreamRefused(UpstreamRefused.Reason.BUSY, ref, detail, 1));
        }

        /** The subscriber went away (or the attempt ended): free what the attempt holds, judge nothing. */
        private void cancelled() {
            Cancellable c;
            boolean wasRunning;
            boolean wasQueued;
            ScheduledFuture<?> timer;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                c = upstream;
                wasRunning = running;
                wasQueued = queued;
                timer = giveUp;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            if (wasRunning) {
                if (c != null) {
                    c.cancel();
                }
                finishRunning();
                breaker.ignore(permit);
            } else if (wasQueued && bulkhead.leave(this)) {
                return; // never granted: nothing to release
            }
            // granted concurrently: granted() sees ended and releases
        }

        /** Ends an attempt that never ran (refused). */
        private void end(Throwable refusal) {
            if (markEnded()) {
                emitter.fail(refusal);
            }
        }

        private synchronized boolean markEnded() {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }

        private void finishRunning() {
            inFlight.decrementAndGet();
            bulkhead.release();
        }

        private void emit(T item, Throwable error) {
            if (error == null) {
                emitter.complete(item);
            } else {
                emitter.fail(error);
            }
        }
    }

    private UpstreamRefused breakerOpen() {
        long retryAfter = TimeUnit.NANOSECONDS.toSeconds(breaker.nanosUntilTrial() + 999_999_999L);
        return new UpstreamRefused(UpstreamRefused.Reason.BREAKER_OPEN, ref,
                "circuit breaker of " + ref.id() + " is open", retryAfter);
    }

    void record(long startNanos, int mappedStatus, String detail) {
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        outcome(mappedStatus).increment();
        if (mappedStatus < 400) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            lastError = new LastError(Instant.now(), mappedStatus, detail);
        }
    }

    /**
     * The counter of one mapped status. The statuses the error model maps to are registered with the guard (at
     * start-up or by discovery); any other one on its first use (Micrometer's registration is a short lock).
     */
    private Counter outcome(int status) {
        int s = status >= 0 && status < MAX_STATUS ? status : 500;
        Counter c = outcomes.get(s);
        if (c == null) {
            Counter made = Counter.builder("fleet.upstream.calls")
                    .description("Calls to one upstream by the facade's mapped status")
                    .tags(tags.and("outcome", Integer.toString(s))).register(registry);
            if (outcomes.compareAndSet(s, null, made)) {
                meters.add(made);
                c = made;
            } else {
                c = outcomes.get(s);
            }
        }
        return c;
    }

    /** Its meters out of the registry: the upstream is gone, and its series with it. */
    void unregister() {
        meters.forEach(registry::remove);
    }

    public UpstreamRef ref() {
        return ref;
    }

    public GuardPolicy policy() {
        return policy;
    }

    public BreakerState breakerState() {
        return breaker.state();
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
