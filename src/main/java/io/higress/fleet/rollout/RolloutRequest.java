package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/rollouts} (contract §6) without the objects, bound strictly; the objects' lists
 * (one per registered kind, named by its {@code rolloutField}: {@code routes}, {@code plugins}, ...) are bound by
 * {@link RolloutPlanner} against each kind's model.
 */
@RegisterForReflection
public record RolloutRequest(
        @Schema(enumeration = {"all", "selective", "canary"}) String strategy,
        @Schema(description = "canary: cluster names, or values of the label canaryLabel names (default env)")
        List<String> canaryOrder,
        String canaryLabel,
        @Schema(description = "the waves as cluster names (instead of canaryOrder)") List<List<String>> waves,
        List<String> clusters,
        String selector,
        @Schema(description = "bake time after each wave, a Go duration: 30s, 5m, 1h30m") String waitTime,
        HealthGateSpec healthGate,
        @Schema(enumeration = {"rollback", "pause"}) String onFailure,
        Integer maxParallel,
        Boolean force,
        @Schema(description = "multi-document YAML of Kubernetes objects, as POST /api/v1/manifests takes") String manifests,
        @Schema(description = "each wave after the first waits for POST /api/v1/rollouts/{id}/approve by an operator "
                + "other than the creator (fleet.rollouts.creator-may-approve); default false")
        Boolean confirmPromotion,
        @Schema(description = "webhook gates: preWave hooks are called before each wave starts, postWave hooks "
                + "after its bake passed; 2xx passes, anything else fails the wave") WebhooksSpec webhooks,
        @Schema(description = "allow/deny time windows (cron schedules in a time zone): a wave starts only while "
                + "no deny window is open and, if allow windows are given, one of them is") List<WindowSpec> windows) {

    /**
     * The fields that say what is written, where and with which strategy, as opposed to the rollout's options: a
     * desired-state sync gives these itself (the objects' lists of the kinds too); RolloutOptions is the rest.
     */
    public static final List<String> NOT_OPTIONS = List.of("strategy", "clusters", "selector", "manifests", "force");
}
