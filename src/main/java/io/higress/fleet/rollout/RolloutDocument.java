package io.higress.fleet.rollout;

import java.time.Instant;
import java.util.List;

/**
 * Everything a rollout is, as one journal line: the validated spec, the state and every cluster's progress.
 * Mutable, guarded by the owning {@link Rollout}'s lock.
 */
public final class RolloutDocument {
    public String id;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    public RolloutState state = RolloutState.PENDING;
    public String reason;
    /** 0-based index of the wave being rolled out; equals the number of waves once all are done. */
    public int currentWave;
    /** A failed gate is being answered by restoring the touched clusters. */
    public boolean rollingBack;
    /** The wave whose bakes {@code promote} cut short; -1: none. */
    public int promotedWave = -1;
    /** How many of the controls other replicas asked for (kept beside the document) the driver has taken. */
    public int requestsHandled;
    /** With confirmPromotion: the highest wave an operator approved to start (wave 0 needs none). */
    public int approvedWave;
    /** Who approved each wave, in order ("wave 2: alice"). */
    public List<String> approvals;

    /** Waves after the first wait for an approval before their first cluster starts. */
    boolean awaitingApproval() {
        return spec.confirmPromotion() && state == RolloutState.RUNNING && !rollingBack && currentWave > 0
                && currentWave < waves.size() && approvedWave < currentWave
                && waves.get(currentWave).stream().allMatch(c -> c.state == ClusterState.PENDING);
    }
    public RolloutSpec spec;
    public List<List<ClusterProgress>> waves;
}
