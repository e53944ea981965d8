package io.higress.fleet.discovery;

import com.fasterxml.jackson.annotation.JsonValue;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Management;
import io.higress.fleet.upstream.BreakerState;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.console.ConsoleStatus;
import java.util.Locale;

/**
 * How a cluster is, from what the facade knows of it (discovery, breakers, console), as
 * {@code GET /api/v1/clusters} and the {@code fleet} health check report it.
 */
public enum ClusterStatus {
    /** Every gateway discovered and ready, every breaker closed, its console (if it manages the cluster) answering. */
    OK,
    /** Reachable but not whole: a stale list, a gateway not ready, a breaker not closed, no gateway, console down. */
    DEGRADED,
    /** Nothing known: the gateway listing failed and no earlier one is left. */
    UNREACHABLE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code console}: the cluster's console status, or null when it names none (or it is not known yet). */
    public static ClusterStatus of(Cluster cluster, ClusterGateways found, ConsoleStatus console,
            UpstreamGuards guards) {
        if (found.error() != null && found.gateways().isEmpty()) {
            return UNREACHABLE;
        }
        boolean consoleDown = cluster.config().management() == Management.CONSOLE && console != null
                && !console.reachable();
        boolean breakerOpen = found.gateways().stream().anyMatch(g -> guards.breakerState(
                UpstreamRef.envoyAdmin(cluster.name(), g.name())) != BreakerState.CLOSED);
        if (found.error() != null || found.readyCount() < found.gateways().size() || breakerOpen
                || found.gateways().isEmpty() || consoleDown) {
            return DEGRADED;
        }
        return OK;
    }
}
