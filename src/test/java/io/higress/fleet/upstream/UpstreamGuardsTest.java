package io.higress.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.GuardPolicy;
import io.higress.fleet.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The door's guard logic without HTTP: deadline, retries, breaker, bulkhead. */
public class UpstreamGuardsTest {

    public static UpstreamGuards guards(Map<String, String> extra) {
        return new UpstreamGuards(config(extra), new SimpleMeterRegistry());
    }

    /** The fleet configuration of these tests (short deadlines, a breaker that opens on two failures) plus extra. */
    public static FleetConfig config(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "fleet.upstreams.envoy-admin.timeout", "300ms",
                "fleet.upstreams.envoy-admin.retries", "2",
                "fleet.upstreams.envoy-admin.retry-backoff", "10ms",
                "fleet.upstreams.envoy-admin.retry-max-backoff", "20ms",
                "fleet.upstreams.envoy-admin.breaker-window", "2",
                "fleet.upstreams.envoy-admin.breaker-failure-ratio", "1.0",
                "fleet.upstreams.envoy-admin.breaker-delay", "60s"));
        p.putAll(extra);
        return new SmallRyeConfigBuilder().withMapping(FleetConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(p, "test", 100)).build()
                .getConfigMapping(FleetConfig.class);
    }

    static int status(Throwable t) {
        return ((ProblemException) t).problem().status();
    }

    @Test
    void aHangingCallEndsAtItsDeadlineWith504() {
        UpstreamGuards guards = guards(Map.of());
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "hang-" + System.nanoTime());
        long start = System.nanoTime();
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().nothing())
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(ProblemException.class).satisfies(t -> assertThat(status(t)).isEqualTo(504));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).isBetween(280L, 600L);
    }

    @Test
    void idempotentCallsAreRetriedOnServerErrorsButNotOnClientErrors() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.breaker-window", "50"));
        AtomicInteger calls = new AtomicInteger();
        String answer = guards.call(UpstreamRef.envoyAdmin("dev", "flaky-" + System.nanoTime()), CallOptions.READ,
                () -> Uni.createFrom().item(() -> {
                    if (calls.incrementAndGet() < 3) {
                        throw UpstreamException.status(503, "busy");
                    }
                    return "ok";
                })).await().atMost(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(3);

        AtomicInteger notFound = new AtomicInteger();
        assertThatThrownBy(() -> guards.call(UpstreamRef.envoyAdmin("dev", "nf-" + System.nanoTime()),
                CallOptions.READ, () -> Uni.createFrom().item(() -> {
                    notFound.incrementAndGet();
                    throw UpstreamException.status(404, "no such resource");
                })).await().atMost(Duration.ofSeconds(5)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(404));
        assertThat(notFound).hasValue(1);

        AtomicInteger writes = new AtomicInteger();
        assertThatThrownBy(() -> guards.call(UpstreamRef.envoyAdmin("dev", "w-" + System.nanoTime()),
                CallOptions.WRITE, () -> Uni.createFrom().item(() -> {
                    writes.incrementAndGet();
                    throw UpstreamException.status(503, "busy");
                })).await().atMost(Duration.ofSeconds(5)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(502));
        assertThat(writes).hasValue(1);
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresAndRefusesFast() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.retries", "0"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "down-" + System.nanoTime());
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item(() -> {
                calls.incrementAndGet();
                throw UpstreamException.unreachable("refused", null);
            })).await().atMost(Duration.ofSeconds(5))).satisfies(t -> assertThat(status(t)).isEqualTo(502));
        }
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            return "never";
        })).await().atMost(Duration.ofSeconds(5))).satisfies(t -> {
            assertThat(status(t)).isEqualTo(503);
            assertThat(((ProblemException) t).problem().retryAfterSeconds()).isEqualTo(60L);
        });
        assertThat(calls).hasValue(2);
        assertThat(guards.guardFor(ref).failedCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        UpstreamGuards guards = guards(Map.of());
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "c4xx-" + System.nanoTime());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guards.call(ref, CallOptions.READ,
                    () -> Uni.createFrom().failure(UpstreamException.status(404, "nope")))
                    .await().atMost(Duration.ofSeconds(5))).isInstanceOf(ProblemException.class);
        }
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void theBulkheadLimitsCallsInFlightAndRefusesBeyondItsQueue() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.concurrency", "2",
                "fleet.upstreams.envoy-admin.queue", "1", "fleet.upstreams.envoy-admin.timeout", "2s"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "bh-" + System.nanoTime());
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            guards.call(ref, CallOptions.READ, () -> Uni.createFrom().nothing()
                    .onSubscription().invoke(started::incrementAndGet)).subscribe().with(x -> { }, e -> { });
        }
        assertThat(started).hasValue(2);
        assertThat(guards.guardFor(ref).inFlight()).isEqualTo(2);
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("x"))
                .await().atMost(Duration.ofSeconds(5)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(503));
    }

    @Test
    void aClusterOverridesItsKindsDefaults() {
        UpstreamGuards guards = guards(Map.of(
                "fleet.clusters.prod.gateways.admin-mode", "direct",
                "fleet.clusters.prod.gateways.direct.gw-1", "http://127.0.0.1:1",
                "fleet.clusters.prod.upstreams.envoy-admin.timeout", "3s",
                "fleet.clusters.prod.upstreams.envoy-admin.concurrency", "1",
                "fleet.upstreams.kubernetes.timeout", "7s"));
        GuardPolicy prod = guards.policy(UpstreamRef.envoyAdmin("prod", "gw-1"));
        assertThat(prod.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(prod.concurrency()).isEqualTo(1);
        assertThat(prod.retries()).isEqualTo(2);
        GuardPolicy other = guards.policy(UpstreamRef.envoyAdmin("dev", "gw-1"));
        assertThat(other.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(other.concurrency()).isEqualTo(2);
        assertThat(guards.policy(UpstreamRef.kubernetes("prod")).timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    /** Window 2, ratio 1.0: the call's own two failed attempts open the breaker, which refuses the third. */
    @Test
    void aCallWhoseFailuresOpenTheBreakerReportsWhatTheUpstreamDidNotTheRefusal() {
        UpstreamGuards guards = guards(Map.of());
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "opens-" + System.nanoTime());
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item(() -> {
                    calls.incrementAndGet();
                    throw UpstreamException.status(500, "Internal Server Error");
                })).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(ProblemException.class)
                .satisfies(t -> {
                    var problem = ((ProblemException) t).problem();
                    assertThat(problem.status()).isEqualTo(502);
                    assertThat(problem.upstream().status()).isEqualTo(500);
                    assertThat(problem.hint()).contains("opened", "circuit breaker", "60 s");
                });
        assertThat(calls.get()).as("two attempts reached the upstream, the third was refused").isEqualTo(2);
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.OPEN);
        assertThat(guards.guardFor(ref).lastError().status()).isEqualTo(502);

        // the next call is refused outright: that one is a 503 from the breaker
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("never"))
                .await().atMost(Duration.ofSeconds(5)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(503));
    }

    /** Refusals of the facade's own bulkhead say nothing about the upstream: the breaker stays closed. */
    @Test
    void bulkheadRefusalsNeverCountAgainstTheBreaker() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.concurrency", "1",
                "fleet.upstreams.envoy-admin.queue", "0", "fleet.upstreams.envoy-admin.timeout", "5s"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "busy-" + System.nanoTime());
        io.smallrye.mutiny.subscription.Cancellable holder = guards.call(ref, CallOptions.READ,
                () -> Uni.createFrom().nothing()).subscribe().with(x -> { }, e -> { });
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("x"))
                    .await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOf(UpstreamRefused.class)
                    .satisfies(t -> assertThat(((UpstreamRefused) t).reason()).isEqualTo(UpstreamRefused.Reason.BUSY))
                    .satisfies(t -> assertThat(status(t)).isEqualTo(503));
        }
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.CLOSED);
        assertThat(guards.guardFor(ref).failedCount()).isEqualTo(10);
        holder.cancel();
        assertThat(guards.guardFor(ref).inFlight()).as("a cancelled call frees its slot").isZero();
        assertThat(guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("x"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("x");
    }

    /** A call waits for a slot at most half its deadline, then it is refused as busy (and not judged). */
    @Test
    void aCallThatFindsNoSlotInHalfItsDeadlineIsRefused() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.concurrency", "1",
                "fleet.upstreams.envoy-admin.timeout", "400ms"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "slow-" + System.nanoTime());
        guards.call(ref, CallOptions.READ, () -> Uni.createFrom().nothing()).subscribe().with(x -> { }, e -> { });
        long start = System.nanoTime();
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("x"))
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(UpstreamRefused.class)
                .satisfies(t -> assertThat(((ProblemException) t).problem().detail()).contains("no free slot"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
        // the hung call's own timeout had its whole deadline: it counts (window 2 needs one more to open)
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    /** The rollout gate's reads wait in a lane of their own, served before the dashboards' waiting calls. */
    @Test
    void priorityCallsAreServedFirst() {
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.concurrency", "1",
                "fleet.upstreams.envoy-admin.queue", "2", "fleet.upstreams.envoy-admin.timeout", "20s"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "prio-" + System.nanoTime());
        java.util.concurrent.CompletableFuture<String> release = new java.util.concurrent.CompletableFuture<>();
        guards.call(ref, CallOptions.READ, () -> Uni.createFrom().completionStage(release))
                .subscribe().with(x -> { }, e -> { });
        java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Function<String, Uni<String>> call = name -> Uni.createFrom().item(() -> {
            order.add(name);
            return name;
        });
        var d1 = guards.call(ref, CallOptions.READ, () -> call.apply("dashboard-1")).subscribeAsCompletionStage();
        var d2 = guards.call(ref, CallOptions.READ, () -> call.apply("dashboard-2")).subscribeAsCompletionStage();
        // the dashboards' lane is full; the gate's is not
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> call.apply("dashboard-3"))
                .await().atMost(Duration.ofSeconds(5))).isInstanceOf(UpstreamRefused.class);
        var gate = guards.call(ref, CallOptions.GATE_READ, () -> call.apply("gate")).subscribeAsCompletionStage();
        release.complete("done");
        java.util.concurrent.CompletableFuture.allOf(d1, d2, gate).join();
        assertThat(order).containsExactly("gate", "dashboard-1", "dashboard-2");
    }

    /** The defaults judge a window of calls: one failed read, all its retries included, does not open a breaker. */
    @Test
    void withTheDefaultsOneFailedReadDoesNotOpenTheBreaker() {
        // a deadline a busy machine cannot outrun: this counts attempts, it does not time them
        UpstreamGuards guards = guards(Map.of("fleet.upstreams.envoy-admin.breaker-window", "20",
                "fleet.upstreams.envoy-admin.breaker-failure-ratio", "0.5",
                "fleet.upstreams.envoy-admin.timeout", "20s"));
        UpstreamRef ref = UpstreamRef.envoyAdmin("dev", "once-" + System.nanoTime());
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            throw UpstreamException.status(500, "Internal Server Error");
        })).await().atMost(Duration.ofSeconds(30))).satisfies(t -> assertThat(status(t)).isEqualTo(502));
        assertThat(calls).as("the attempt and its two retries").hasValue(3);
        assertThat(guards.guardFor(ref).breakerState()).isEqualTo(BreakerState.CLOSED);
        assertThat(guards.call(ref, CallOptions.READ, () -> Uni.createFrom().item("ok"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("ok");
    }

    /** Pods come and go: the guards and series of gateways no longer listed go with them, the others stay. */
    @Test
    void theGuardsOfGatewaysNoLongerListedAreDropped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UpstreamGuards guards = new UpstreamGuards(config(Map.of()), registry);
        UpstreamRef kept = UpstreamRef.envoyAdmin("dev", "gw-a");
        UpstreamRef replaced = UpstreamRef.envoyAdmin("dev", "gw-old");
        UpstreamRef elsewhere = UpstreamRef.envoyAdmin("prod", "gw-old");
        UpstreamGuard keptGuard = guards.guardFor(kept);
        guards.guardFor(replaced);
        guards.guardFor(elsewhere);
        guards.guardFor(UpstreamRef.kubernetes("dev"));
        assertThat(registry.find("fleet.upstream.latency").tag("gateway", "gw-old").timers()).hasSize(2);

        guards.retainGateways("dev", java.util.Set.of("gw-a", "gw-new"));

        assertThat(guards.all()).extracting(UpstreamGuard::ref)
                .containsExactlyInAnyOrder(kept, elsewhere, UpstreamRef.kubernetes("dev"));
        assertThat(guards.guardFor(kept)).isSameAs(keptGuard);
        assertThat(registry.find("fleet.upstream.latency").tag("cluster", "dev").tag("gateway", "gw-old").meters())
                .isEmpty();
        assertThat(registry.find("fleet.upstream.calls").tag("cluster", "dev").tag("gateway", "gw-old").meters())
                .isEmpty();
        assertThat(registry.find("fleet.upstream.in.flight").tag("cluster", "prod").tag("gateway", "gw-old")
                .gauges()).hasSize(1);
    }
}
