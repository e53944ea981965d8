package io.higress.fleet.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One rollout in memory: its {@link RolloutDocument} behind a lock, whether an engine is driving it, and the live
 * event stream. Every change goes through {@link #update}, which yields the journal line to persist.
 */
final class Rollout {

    /** A serialized state; {@code seq} orders lines written from parallel clusters. */
    @RegisterForReflection
    record Line(String rolloutId, long seq, String json) {
    }

    private RolloutDocument doc;
    private final BroadcastProcessor<RolloutEvent> events = BroadcastProcessor.create();
    /** The last change announced per cluster ("" for the rollout itself), to announce each change once. */
    private final Map<String, RolloutEvent> announced = new HashMap<>();
    private boolean driving;
    private long seq;

    Rollout(RolloutDocument doc) {
        this.doc = doc;
    }

    String id() {
        return doc.id;
    }

    synchronized <T> T read(Function<RolloutDocument, T> reader) {
        return reader.apply(doc);
    }

    synchronized RolloutView view() {
        return RolloutView.of(doc);
    }

    /**
     * Changes the rollout (or one cluster of it, when {@code cluster} is given) and announces the change, unless
     * subscribers saw this very state already: a step journals more than they see (a snapshot taken, an apply
     * started), and the apply and the verification both journal {@code verifying}.
     */
    synchronized Line update(ClusterProgress cluster, Consumer<RolloutDocument> change) {
        change.accept(doc);
        doc.updatedAt = Instant.now();
        RolloutEvent event = event(cluster);
        RolloutEvent previous = announced.put(cluster == null ? "" : cluster.name, event);
        if (previous == null || !event.equals(previous.withAt(event.at()))) {
            events.onNext(event);
        }
        if (doc.state.terminal()) {
            events.onComplete();
        }
        return line();
    }

    /**
     * Takes a state stored by another replica (this one does not drive the rollout) and announces what changed,
     * so the events stream on every replica. False when this replica drives it: then its own state is newer.
     */
    synchronized boolean adopt(RolloutDocument stored) {
        if (driving) {
            return false;
        }
        boolean wasTerminal = doc.state.terminal();
        doc = stored;
        announce(null);
        for (var wave : doc.waves) {
            for (ClusterProgress c : wave) {
                announce(c);
            }
        }
        if (doc.state.terminal() && !wasTerminal) {
            events.onComplete();
        }
        return true;
    }

    private void announce(ClusterProgress cluster) {
        RolloutEvent event = event(cluster);
        RolloutEvent previous = announced.put(cluster == null ? "" : cluster.name, event);
        if (previous == null || !event.equals(previous.withAt(event.at()))) {
            events.onNext(event);
        }
    }

    synchronized Line line() {
        try {
            return new Line(doc.id, ++seq, RolloutJson.MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The state at subscription, then every change until the rollout ends. Subscribing to the live changes and
     * reading the state happen under the lock every change takes, so no change falls between them; the emitter
     * buffers, because the broadcast fails a subscriber that has not requested enough.
     */
    Multi<RolloutEvent> events() {
        return Multi.createFrom().emitter(out -> {
            synchronized (this) {
                out.emit(event(null));
                if (doc.state.terminal()) {
                    out.complete();
                    return;
                }
                Cancellable live = events.subscribe().with(out::emit, out::fail, out::complete);
                out.onTermination(live::cancel);
            }
        });
    }

    private RolloutEvent event(ClusterProgress cluster) {
        return new RolloutEvent(doc.id, doc.updatedAt, doc.state, Math.min(doc.currentWave + 1, doc.waves.size()),
                doc.reason, cluster == null ? null : cluster.name, cluster == null ? null : cluster.state,
                cluster == null ? null : cluster.error, cluster == null ? null : cluster.note,
                cluster == null ? doc.waitingNow() : null, cluster == null ? lastHook() : null);
    }

    /** What the latest webhook gate call answered (the events stream shows each call once). */
    private String lastHook() {
        return doc.hookOutcomes == null || doc.hookOutcomes.isEmpty() ? null
                : doc.hookOutcomes.get(doc.hookOutcomes.size() - 1).reason();
    }

    /** Claims the driver's seat; false when an engine already drives this rollout. */
    synchronized boolean startDriving() {
        if (driving) {
            return false;
        }
        driving = true;
        return true;
    }

    /** Leaves the driver's seat unless the rollout is running again (resumed meanwhile): then keep driving. */
    synchronized boolean stopDrivingUnlessRunning() {
        if (doc.state == RolloutState.RUNNING) {
            return false;
        }
        driving = false;
        return true;
    }

    synchronized boolean driving() {
        return driving;
    }

    synchronized void releaseDriver() {
        driving = false;
    }
}
