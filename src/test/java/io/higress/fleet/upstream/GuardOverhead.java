package io.higress.fleet.upstream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * CPU per guarded call of a healthy upstream (closed breaker, free bulkhead, an answer already there), one thread:
 * the facade's former call path — SmallRye Fault Tolerance's programmatic {@code Guard} (breaker + bulkhead) with
 * its per-attempt timeout, Mutiny's retry with backoff and jitter, the overall deadline and the same meters — beside
 * today's {@code UpstreamGuards.call}; and each guard alone, without retries, deadline and meters. Prints µs and
 * bytes per call; not a test. Run with the test classpath:
 * {@code java -cp target/test-classes:target/classes:$(cat target/sim.classpath) io.higress.fleet.upstream.GuardOverhead}
 */
public final class GuardOverhead {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Guard smallrye = Guard.create().withDescription("bench").withThreadOffload(false)
                .withCircuitBreaker().name("bench").requestVolumeThreshold(20).failureRatio(0.5)
                .delay(10, ChronoUnit.SECONDS).successThreshold(1).done()
                .withBulkhead().limit(2).queueSize(64).done()
                .build();
        Supplier<Uni<Object>> answer = () -> Uni.createFrom().item("ok");
        Duration deadline = Duration.ofSeconds(5);
        Supplier<Uni<Object>> smallryeAlone = () -> smallrye.get(() -> answer.get()
                .ifNoItem().after(deadline).fail(), UNI);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer latency = Timer.builder("old.latency").publishPercentiles(0.5, 0.99).register(registry);
        Counter outcome = Counter.builder("old.calls").register(registry);
        AtomicInteger inFlight = new AtomicInteger();
        Supplier<Uni<Object>> formerPath = () -> Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            AtomicReference<Throwable> last = new AtomicReference<>();
            return Uni.createFrom().deferred(() -> smallrye.get(() -> Uni.createFrom().deferred(() -> {
                        inFlight.incrementAndGet();
                        return answer.get().ifNoItem().after(deadline).fail()
                                .onTermination().invoke(inFlight::decrementAndGet);
                    }), UNI))
                    .onFailure().invoke(last::set)
                    .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5)
                    .atMost(2)
                    .ifNoItem().after(deadline).fail()
                    .onItem().invoke(() -> {
                        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        outcome.increment();
                    });
        });

        UpstreamGuards guards = new UpstreamGuards(UpstreamGuardsTest.config(Map.of()), new SimpleMeterRegistry());
        UpstreamRef ref = UpstreamRef.envoyAdmin("bench", "gw-1");
        Supplier<Uni<Object>> facadePath = () -> guards.call(ref, CallOptions.READ, answer);
        Supplier<Uni<Object>> facadeAlone = () -> guards.guardFor(ref).attempt(answer, false, System.nanoTime(),
                deadline.toNanos());

        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            report("former call path (SmallRye Guard)", calls, formerPath, round == 2);
            report("facade call path (own guard)     ", calls, facadePath, round == 2);
            report("SmallRye Guard alone             ", calls, smallryeAlone, round == 2);
            report("own guard alone                  ", calls, facadeAlone, round == 2);
        }
    }

    private static void report(String name, int calls, Supplier<Uni<Object>> call, boolean print) throws Exception {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long cpu = bean.getCurrentThreadCpuTime();
        long bytes = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) {
            CountDownLatch done = new CountDownLatch(1);
            call.get().subscribe().with(x -> done.countDown(), e -> done.countDown());
            done.await();
        }
        double us = (bean.getCurrentThreadCpuTime() - cpu) / 1e3 / calls;
        double allocated = (bean.getThreadAllocatedBytes(tid) - bytes) / (double) calls;
        if (print) {
            System.out.printf("%s: %.2f µs CPU and %.0f bytes allocated per call (%d calls, one thread)%n", name, us,
                    allocated, calls);
        }
    }
}
