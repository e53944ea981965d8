package io.higress.fleet.cluster;

import io.higress.fleet.upstream.console.ConsoleStatus;
import java.util.Map;

/**
 * A cluster as GET /api/v1/clusters shows it: never any credential. {@code console}: null when the cluster names
 * no console.
 */
public record ClusterView(String name, Map<String, String> labels, Kubernetes kubernetes, ConsoleStatus console,
        GatewayCounts gateways, String management, String status, String error) {

    public record Kubernetes(String server) {
    }

    public record GatewayCounts(int discovered, int ready) {
    }
}
