package io.higress.fleet.rollout;

import io.higress.fleet.notifications.EventType;
import io.higress.fleet.notifications.Notifier;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A rollout's state changes as webhook events ({@code rollout.state-changed}): from the replica that made the change
 * (the leader, or the replica that stored a control), with each wave's clusters and their states.
 */
final class RolloutNotifications implements RolloutEngine.StateListener {

    @RegisterForReflection
    record StateChange(String rollout, String from, String to, String reason, String createdBy, int currentWave,
            List<List<ClusterStatus>> waves) {
    }

    @RegisterForReflection
    record ClusterStatus(String name, String state, String error) {
    }

    private final Notifier notifier;

    RolloutNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void changed(RolloutState from, RolloutDocument d) {
        if (!notifier.wanted(EventType.ROLLOUT_STATE_CHANGED)) {
            return;
        }
        List<List<ClusterStatus>> waves = d.waves == null ? List.of() : d.waves.stream()
                .map(w -> w.stream().map(c -> new ClusterStatus(c.name, c.state.wire(), c.error)).toList()).toList();
        notifier.publish(EventType.ROLLOUT_STATE_CHANGED, "rollout " + d.id + ": " + from.wire() + " -> "
                        + d.state.wire() + (d.reason == null ? "" : " (" + d.reason + ")"),
                new StateChange(d.id, from.wire(), d.state.wire(), d.reason, d.createdBy, d.currentWave, waves));
    }
}
