package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one call of a webhook gate answered, journaled with the rollout: a passed hook is not called again for that
 * wave (after a restart or a change of leader). {@code wave} counts from 1, as {@code currentWave}; {@code hook} is
 * the hook's field ({@code webhooks.preWave[0]}); {@code url} as shown (no credentials).
 */
@Schema(name = "RolloutWebhookOutcome")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record HookOutcome(int wave, HookPhase phase, String hook, String url, boolean passed,
        @Schema(description = "the HTTP status answered; absent after a timeout or a connection error")
        Integer status, String reason, Instant at) {
}
