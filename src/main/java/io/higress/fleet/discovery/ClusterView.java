package io.higress.fleet.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterSource;
import io.higress.fleet.cluster.Management;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cluster as GET /api/v1/clusters shows it: never any credential. {@code console}: absent when the cluster
 * names no console, {@code kubernetes} when it has no API server, {@code error} when there is none. A scoped caller sees the clusters outside its scope as directory entries: name, labels, management
 * and source only. {@code source}: {@code config} (the fleet file: read-only here) or {@code api} (registered at runtime,
 * with the {@code resourceVersion} a PUT must name).
 */
@RegisterForReflection
public record ClusterView(String name, Map<String, String> labels,
        @JsonInclude(JsonInclude.Include.NON_NULL) Kubernetes kubernetes,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConsoleStatus console,
        @JsonInclude(JsonInclude.Include.NON_NULL) GatewayCounts gateways, Management management,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClusterStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error, ClusterSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resourceVersion) {

    /** A cluster outside the caller's scope, as the directory lists it: what targeting it needs, no details. */
    static ClusterView directoryEntry(Cluster c) {
        return new ClusterView(c.name(), c.labels(), null, null, null, c.config().management(), null, null,
                c.source(), null);
    }

    @Schema(name = "ClusterKubernetes")
    @RegisterForReflection
    public record Kubernetes(String server) {
    }

    @Schema(name = "ClusterGatewayCounts")
    @RegisterForReflection
    public record GatewayCounts(int discovered, int ready) {
    }
}
