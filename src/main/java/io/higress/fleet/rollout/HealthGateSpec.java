package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What must hold for a cluster to pass: every gateway ready, the 5xx ratio over the bake window at most
 * {@code max5xxRatio} (null: not checked), and, with {@code converged}, every gateway's route configuration pushed
 * again after the apply (see {@link HealthGate}).
 */
@RegisterForReflection
public record HealthGateSpec(Boolean gatewaysReady, Double max5xxRatio, Boolean converged) {
    public static final HealthGateSpec DEFAULT = new HealthGateSpec(true, null, false);

    public boolean checksReady() {
        return !Boolean.FALSE.equals(gatewaysReady);
    }

    public boolean checksConverged() {
        return Boolean.TRUE.equals(converged);
    }

    /** The gate as it is applied, defaults filled in (what a reader of the rollout should see). */
    public HealthGateSpec effective() {
        return new HealthGateSpec(checksReady(), max5xxRatio, checksConverged());
    }
}
