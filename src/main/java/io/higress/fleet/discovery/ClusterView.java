package io.higress.fleet.discovery;

import io.higress.fleet.cluster.Management;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cluster as GET /api/v1/clusters shows it: never any credential. {@code console}: null when the cluster names
 * no console.
 */
@RegisterForReflection
public record ClusterView(String name, Map<String, String> labels, Kubernetes kubernetes, ConsoleStatus console,
        GatewayCounts gateways, Management management, ClusterStatus status, String error) {

    @Schema(name = "ClusterKubernetes")
    @RegisterForReflection
    public record Kubernetes(String server) {
    }

    @Schema(name = "ClusterGatewayCounts")
    @RegisterForReflection
    public record GatewayCounts(int discovered, int ready) {
    }
}
