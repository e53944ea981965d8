package io.higress.fleet.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.cluster.ClusterSource;
import io.higress.fleet.cluster.Management;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cluster as GET /api/v1/clusters shows it: never any credential. {@code console}: null when the cluster names
 * no console. {@code source}: {@code config} (the fleet file: read-only here) or {@code api} (registered at runtime,
 * with the {@code resourceVersion} a PUT must name).
 */
@RegisterForReflection
public record ClusterView(String name, Map<String, String> labels, Kubernetes kubernetes, ConsoleStatus console,
        GatewayCounts gateways, Management management, ClusterStatus status, String error, ClusterSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resourceVersion) {

    @Schema(name = "ClusterKubernetes")
    @RegisterForReflection
    public record Kubernetes(String server) {
    }

    @Schema(name = "ClusterGatewayCounts")
    @RegisterForReflection
    public record GatewayCounts(int discovered, int ready) {
    }
}
