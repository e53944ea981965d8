package io.higress.fleet.notifications;

import java.util.Arrays;
import java.util.Optional;

/** What the facade tells webhooks about. */
public enum EventType {
    /** A rollout entered another state (running, paused, succeeded, failed, rolled-back, cancelled...). */
    ROLLOUT_STATE_CHANGED("rollout.state-changed"),
    /** A desired-state set's drift check found objects that differ from the set. */
    DESIRED_STATE_DRIFTED("desired-state.drifted"),
    /** A desired-state set's sync failed in some cluster. */
    DESIRED_STATE_SYNC_FAILED("desired-state.sync-failed"),
    /** A write (REST, manifests, rollout, restore) failed in some cluster. */
    WRITE_FAILED("write.failed");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Optional<EventType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
