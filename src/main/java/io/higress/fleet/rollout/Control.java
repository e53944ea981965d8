package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The controls of a running rollout (POST /api/v1/rollouts/{id}/{control}). */
enum Control {
    PAUSE, RESUME, CANCEL, PROMOTE, APPROVE;

    @JsonValue
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
