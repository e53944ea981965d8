package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A state change, as streamed by {@code GET /api/v1/rollouts/{id}/events}: of the rollout, or of one cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutEvent(String rollout, Instant at, RolloutState state, int currentWave, String reason,
        String cluster, ClusterState clusterState, String error) {

    /** The same change at another time: two events are the same change when only {@code at} differs. */
    RolloutEvent withAt(Instant time) {
        return new RolloutEvent(rollout, time, state, currentWave, reason, cluster, clusterState, error);
    }
}
