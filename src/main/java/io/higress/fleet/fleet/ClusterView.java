package io.higress.fleet.fleet;

import java.util.Map;

/** A cluster as GET /api/v1/clusters shows it: never any credential. */
public record ClusterView(String name, Map<String, String> labels, Kubernetes kubernetes, Console console,
        GatewayCounts gateways, String management, String status, String error) {

    public record Kubernetes(String server) {
    }

    public record Console(String url) {
    }

    public record GatewayCounts(int discovered, int ready) {
    }
}
