package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.List;

/**
 * A validated rollout: the waves of cluster names in order and the objects written to each cluster; {@code force}
 * takes over objects the facade does not manage (contract §5). {@code waveNames}: the canaryOrder entry of each
 * wave (null for explicit waves), what webhooks are told.
 */
@RegisterForReflection
public record RolloutSpec(
        String strategy,
        List<List<String>> waves,
        String waitTime,
        HealthGateSpec healthGate,
        String onFailure,
        int maxParallel,
        boolean force,
        List<RolloutObject> objects,
        boolean confirmPromotion,
        WebhooksSpec webhooks,
        List<WindowSpec> windows,
        List<String> waveNames) {

    public static final String ROLLBACK = "rollback";
    public static final String PAUSE = "pause";

    @JsonIgnore
    public Duration waitDuration() {
        return GoDuration.parse(waitTime);
    }

    /** A wave's name: its canaryOrder entry (a cluster or a label value), else "wave n" (n from 1). */
    String waveName(int index) {
        return waveNames != null && index < waveNames.size() ? waveNames.get(index) : "wave " + (index + 1);
    }

    /** The hooks of a phase (none: empty). */
    List<WebhookSpec> hooks(HookPhase phase) {
        return webhooks == null ? List.of() : webhooks.of(phase);
    }

    @JsonIgnore
    public List<ObjectKey> keys() {
        return objects.stream().map(ObjectKey::of).toList();
    }
}
