package io.higress.fleet.rollout;

import java.util.Arrays;
import java.util.Locale;

/** What a bake that ends with too little traffic for a verdict on the metrics means ({@code onNoTraffic}). */
enum NoTraffic {
    PASS, FAIL, WAIT;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static boolean valid(String value) {
        return Arrays.stream(values()).anyMatch(v -> v.value().equals(value));
    }

    static NoTraffic of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
