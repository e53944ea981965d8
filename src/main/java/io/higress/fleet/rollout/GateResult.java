package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The health gate's verdict on one cluster: passed, failed with a reason, or undecided because the facade itself
 * was too busy to read a gateway ({@code busy}: not the gateway's fault, so it is checked again, never rolled back).
 */
@RegisterForReflection
public record GateResult(String failure, boolean busy) {
    public static final GateResult PASSED = new GateResult(null, false);

    public static GateResult failed(String reason) {
        return new GateResult(reason, false);
    }

    public static GateResult busy(String reason) {
        return new GateResult(reason, true);
    }

    public boolean passed() {
        return failure == null;
    }
}
