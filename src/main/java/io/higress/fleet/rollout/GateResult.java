package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The health gate's verdict on one cluster: passed, or the reason it failed. */
@RegisterForReflection
public record GateResult(String failure) {
    public static final GateResult PASSED = new GateResult(null);

    public static GateResult failed(String reason) {
        return new GateResult(reason);
    }

    public boolean passed() {
        return failure == null;
    }
}
