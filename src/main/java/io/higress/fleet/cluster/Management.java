package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code fleet.clusters.<c>.management}: where a cluster's routes, plugins and bridges are written. */
public enum Management {
    KUBERNETES, CONSOLE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
