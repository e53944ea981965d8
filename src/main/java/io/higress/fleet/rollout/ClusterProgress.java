package io.higress.fleet.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where one cluster of a rollout stands. Mutable, guarded by its {@link Rollout}'s lock, journaled as a whole.
 * {@code snapshot} is journaled before the first write to the cluster; {@code applyStarted}/{@code applyFinished}
 * tell a resumed engine whether the apply may have happened (it then re-plans: unchanged means it did).
 */
public final class ClusterProgress {
    public String name;
    public ClusterState state = ClusterState.PENDING;
    public Instant startedAt;
    public Instant appliedAt;
    public Instant finishedAt;
    public String error;
    /** What the health gate last said when it could not decide (the facade was too busy to read a gateway). */
    public String note;
    /** Per object what the apply did: create, update or unchanged. */
    public List<String> actions;
    public List<SnapshotEntry> snapshot;
    /** Per gateway, the route configuration's xDS version before the apply (for the converged gate). */
    public Map<String, String> xdsBefore;
    /** Per gateway, its rejected-update counters before the apply (for the rejectedUpdates gate). */
    public Map<String, Map<String, Long>> rejectedBefore;
    public boolean applyStarted;
    public boolean applyFinished;

    public ClusterProgress() {
    }

    ClusterProgress(String name) {
        this.name = name;
    }

    boolean touched() {
        return snapshot != null;
    }
}
