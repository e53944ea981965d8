package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonValue;

/** When a webhook gate is called: before a wave starts, or after its bake passed. */
public enum HookPhase {
    PRE_WAVE("preWave", "pre-wave"),
    POST_WAVE("postWave", "post-wave");

    private final String wire;
    private final String words;

    HookPhase(String wire, String words) {
        this.wire = wire;
        this.words = words;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    String words() {
        return words;
    }
}
