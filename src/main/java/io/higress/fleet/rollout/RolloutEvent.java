package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A state change, as streamed by {@code GET /api/v1/rollouts/{id}/events}: of the rollout, or of one cluster.
 * The rollout's own events also say what it waits for ({@code waiting}) and what the latest webhook gate answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record RolloutEvent(String rollout, Instant at, RolloutState state, int currentWave, String reason,
        String cluster, ClusterState clusterState, String error, String note, String waiting,
        String webhook) {

    /** The same event with its messages passed through {@code redact}. */
    RolloutEvent withMessages(UnaryOperator<String> redact) {
        return new RolloutEvent(rollout, at, state, currentWave, redact.apply(reason), cluster, clusterState,
                redact.apply(error), redact.apply(note), redact.apply(waiting), redact.apply(webhook));
    }

    /** The same change at another time: two events are the same change when only {@code at} differs. */
    RolloutEvent withAt(Instant time) {
        return new RolloutEvent(rollout, time, state, currentWave, reason, cluster, clusterState, error, note,
                waiting, webhook);
    }
}
