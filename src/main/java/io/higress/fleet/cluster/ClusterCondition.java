package io.higress.fleet.cluster;

import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.util.Locale;

/**
 * How a cluster is, from what the facade knows of it (discovery, breakers, console), as
 * {@code GET /api/v1/clusters} and the {@code fleet} health check report it.
 */
public enum ClusterCondition {
    /** Every gateway discovered and ready, every breaker closed, its console (if it manages the cluster) answering. */
    OK,
    /** Reachable but not whole: a stale list, a gateway not ready, a breaker not closed, no gateway, console down. */
    DEGRADED,
    /** Nothing known: the gateway listing failed and no earlier one is left. */
    UNREACHABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code console}: the cluster's console status, or null when it names none (or it is not known yet). */
    public static ClusterCondition of(Cluster cluster, ClusterGateways found, ConsoleStatus console,
            UpstreamGuards guards) {
        if (found.error() != null && found.gateways().isEmpty()) {
            return UNREACHABLE;
        }
        boolean consoleDown = "console".equals(cluster.config().management()) && console != null
                && !console.reachable();
        boolean breakerOpen = found.gateways().stream().anyMatch(g -> guards.guardFor(
                UpstreamRef.envoyAdmin(cluster.name(), g.name())).breakerState() != CircuitBreakerState.CLOSED);
        if (found.error() != null || found.readyCount() < found.gateways().size() || breakerOpen
                || found.gateways().isEmpty() || consoleDown) {
            return DEGRADED;
        }
        return OK;
    }
}
