package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A cluster's status in the registry: {@code ok}; {@code degraded} (stale gateway list, a gateway not ready, a
 * breaker not closed, or the console of a console-managed cluster not answering); {@code unreachable} (nothing known).
 */
public enum ClusterStatus {
    OK, DEGRADED, UNREACHABLE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
