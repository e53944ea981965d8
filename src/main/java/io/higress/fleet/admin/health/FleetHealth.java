package io.higress.fleet.admin.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.admin.parse.HostHealthCounts;
import io.higress.fleet.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The dashboard summary (contract §4). A gateway is {@code green} when reachable, LIVE, its breaker closed, every
 * read answered and no upstream host unhealthy; {@code yellow} when reachable but any of that fails; {@code red}
 * when unreachable. A cluster is {@code red} when all its gateways are red (or none could be listed),
 * {@code green} when all are green, {@code yellow} otherwise. The fleet is {@code red} if a cluster is red,
 * {@code yellow} if any is yellow.
 */
@RegisterForReflection
public record FleetHealth(String status, Instant generatedAt, long ttlMs, Counts counts, List<ClusterStatus> clusters) {

    @Schema(name = "FleetHealthCounts")
    @RegisterForReflection
    public record Counts(int clusters, int gateways, int reachable, int live, int green, int yellow, int red,
            HostHealthCounts hosts) {
    }

    @Schema(name = "FleetHealthCluster")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record ClusterStatus(String name, String status, List<GatewayStatus> gateways, Problem error) {
    }

    /**
     * @param xdsVersions section kind ({@code ClustersConfigDump}, ...) → the {@code version_info} it applied
     * @param errors      reads that failed (server_info, clusters, config_dump)
     */
    @Schema(name = "FleetHealthGateway")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record GatewayStatus(String name, String status, boolean reachable, String state, String version,
            Long uptimeSeconds, Map<String, String> xdsVersions, HostHealthCounts hosts, String breaker,
            List<Problem> errors) {
    }
}
