package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rollout's webhook gates (docs/rollouts.md, "Webhook gates"): each {@code preWave} hook is called before a wave's
 * first cluster is touched, each {@code postWave} hook once every cluster of the wave has baked; in order, and a
 * wave goes on only when every one of them answered 2xx.
 */
@Schema(name = "RolloutWebhooks")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record WebhooksSpec(
        @Schema(description = "called before each wave starts; a failure: nothing of the wave is written")
        List<WebhookSpec> preWave,
        @Schema(description = "called after each wave's bake passed; a failure fails the rollout as a failed "
                + "health gate does (onFailure)") List<WebhookSpec> postWave) {

    List<WebhookSpec> of(HookPhase phase) {
        List<WebhookSpec> hooks = phase == HookPhase.PRE_WAVE ? preWave : postWave;
        return hooks == null ? List.of() : hooks;
    }

    boolean none() {
        return of(HookPhase.PRE_WAVE).isEmpty() && of(HookPhase.POST_WAVE).isEmpty();
    }

    /** The hooks as the rollout's view shows them. */
    WebhooksSpec shown() {
        return new WebhooksSpec(preWave == null ? null : preWave.stream().map(WebhookSpec::shown).toList(),
                postWave == null ? null : postWave.stream().map(WebhookSpec::shown).toList());
    }
}
