package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits on Vert.x timers (never a sleeping thread). A rollout's waits can be cut short ({@link #wake}: promote,
 * pause, cancel), and {@link #cancelAll} drops every wait without completing it, as a killed process would.
 */
final class RolloutTimers {

    @RegisterForReflection
    private record Wait(String rolloutId, Runnable complete) {
    }

    private final Vertx vertx;
    private final Map<Long, Wait> pending = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    RolloutTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    Uni<Void> sleep(String rolloutId, Duration d) {
        return Uni.createFrom().emitter(em -> {
            AtomicBoolean done = new AtomicBoolean();
            Runnable complete = () -> {
                if (!cancelled && done.compareAndSet(false, true)) {
                    em.complete(null);
                }
            };
            long id = vertx.setTimer(Math.max(1, d.toMillis()), t -> {
                pending.remove(t);
                complete.run();
            });
            pending.put(id, new Wait(rolloutId, complete));
            if (done.get()) {
                pending.remove(id);
            }
        });
    }

    /** Ends the rollout's current waits now. */
    void wake(String rolloutId) {
        pending.forEach((id, wait) -> {
            if (wait.rolloutId().equals(rolloutId) && pending.remove(id) != null) {
                vertx.cancelTimer(id);
                wait.complete().run();
            }
        });
    }

    /** Ends every wait now (the engine stopped leading: each loop goes on to its halt). */
    void wakeAll() {
        pending.forEach((id, wait) -> {
            if (pending.remove(id) != null) {
                vertx.cancelTimer(id);
                wait.complete().run();
            }
        });
    }

    void cancelAll() {
        cancelled = true;
        pending.keySet().forEach(vertx::cancelTimer);
        pending.clear();
    }
}
