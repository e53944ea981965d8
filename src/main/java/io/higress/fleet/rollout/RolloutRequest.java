package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The body of {@code POST /api/v1/rollouts} (contract §6) without the objects, bound strictly; the objects' lists
 * (one per registered kind, named by its {@code rolloutField}: {@code routes}, {@code plugins}, ...) are bound by
 * {@link RolloutPlanner} against each kind's model.
 */
@RegisterForReflection
public record RolloutRequest(
        String strategy,
        List<String> canaryOrder,
        String canaryLabel,
        List<List<String>> waves,
        List<String> clusters,
        String selector,
        String waitTime,
        HealthGateSpec healthGate,
        String onFailure,
        Integer maxParallel,
        Boolean force,
        String manifests) {
}
