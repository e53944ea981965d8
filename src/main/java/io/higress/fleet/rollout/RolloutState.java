package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A rollout's state (contract §6). Terminal states release the rollout's objects for other rollouts. */
public enum RolloutState {
    PENDING, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == ROLLED_BACK;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
