package io.higress.fleet.resources.console;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A write's outcome in one cluster, in the words of the write answer (contract §5). */
public enum WriteStatus {
    CREATED, UPDATED, UNCHANGED, DELETED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
