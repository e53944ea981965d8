package io.higress.fleet.rollout;

import java.time.Instant;
import java.util.List;

/**
 * Where rollouts are kept durably, the engine's one path for both: a {@link RolloutJournal} in the data directory
 * (one process: the laptop default) or a {@link HomeRolloutStore} in the home cluster (every replica shares it, the
 * Lease's holder drives). Blocking: worker threads only.
 */
interface RolloutStore {

    /** Writes the rollout's state unless a newer state of it was written already. */
    void write(Rollout.Line line);

    /** The last stored state of every rollout. */
    List<RolloutDocument> load();

    /** Deletes every rollout that ended before {@code cutoff}; answers their ids. */
    List<String> prune(Instant cutoff);

    /** The controls asked for the rollout by replicas that do not drive it, oldest first. */
    default List<ControlRequest> requests(String rolloutId) {
        return List.of();
    }

    /**
     * Asks the driving replica for a control: checks it against the stored state ({@code allowed} throws the 409)
     * and records it in the rollout's object, re-reading on a conflict. Only a shared store has other replicas.
     */
    default RolloutDocument request(String rolloutId, ControlRequest request,
            java.util.function.Consumer<RolloutDocument> allowed) {
        throw new UnsupportedOperationException("one process drives every rollout it stores");
    }
}
