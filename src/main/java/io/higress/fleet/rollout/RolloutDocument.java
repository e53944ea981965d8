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

    /** Every call of a webhook gate and what it answered, in order (a passed hook is not called again). */
    public List<HookOutcome> hookOutcomes;
    /** Why the current wave has not started yet, set by the engine (a time window); see {@link #waitingNow}. */
    public String waiting;

    /** Waves after the first wait for an approval before their first cluster starts. */
    boolean awaitingApproval() {
        return spec.confirmPromotion() && currentWave > 0 && approvedWave < currentWave && waveNotStarted();
    }

    /** The rollout runs and the current wave has not touched any cluster yet. */
    boolean waveNotStarted() {
        return state == RolloutState.RUNNING && !rollingBack && currentWave < waves.size()
                && waves.get(currentWave).stream().allMatch(c -> c.state == ClusterState.PENDING);
    }

    /** Whether the hook {@code field} of {@code phase} passed for the current wave. */
    boolean hookPassed(HookPhase phase, String field) {
        return hookOutcomes != null && hookOutcomes.stream().anyMatch(o -> o.passed() && o.phase() == phase
                && o.wave() == currentWave + 1 && o.hook().equals(field));
    }

    /** What the rollout waits for now: an approval, a time window; null when it waits for nothing. */
    String waitingNow() {
        if (spec == null || waves == null) {
            return null; // not a whole rollout (a document being read)
        }
        if (awaitingApproval()) {
            return "approval: wave " + (currentWave + 1) + " starts once an operator other than " + createdBy
                    + " approves it (POST /api/v1/rollouts/" + id + "/approve)";
        }
        return waveNotStarted() ? waiting : null;
    }
    public RolloutSpec spec;
    public List<List<ClusterProgress>> waves;
}
