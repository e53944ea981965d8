package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** One cluster's step within a rollout (contract §6). */
public enum ClusterState {
    PENDING, APPLYING, VERIFYING, BAKING, SUCCEEDED, FAILED, ROLLED_BACK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
