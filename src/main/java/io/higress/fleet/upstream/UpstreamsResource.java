package io.higress.fleet.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.StrictQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every upstream the facade has called, with its breaker, load and latency (contract §3). */
@StrictQuery
@Path("/api/v1/upstreams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "upstreams", description = "Guarded upstreams: breakers, in-flight calls, latency")
public class UpstreamsResource {

    private final UpstreamGuards guards;
    private final ClusterRegistry registry;

    public UpstreamsResource(UpstreamGuards guards, ClusterRegistry registry) {
        this.guards = guards;
        this.registry = registry;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record UpstreamView(String id,
            @Schema(enumeration = {"kubernetes", "envoy-admin", "console"}) String kind, String cluster, String gateway,
            @Schema(enumeration = {"CLOSED", "OPEN", "HALF_OPEN"}) String breaker, int inFlight,
            long ok, long failed, UpstreamGuard.LastError lastError, Double latencyP50Ms, Double latencyP99Ms) {
    }

    @RegisterForReflection
    public record UpstreamList(List<UpstreamView> items) {
    }

    @GET
    @Operation(operationId = "listUpstreams",
            summary = "Guarded upstreams with breaker state, in-flight calls, counts, last error and latency")
    @APIResponse(responseCode = "200", description = "the upstreams the facade has called, by id, of the "
            + "clusters the caller may read")
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public UpstreamList list(
            @QueryParam("kind") @Parameter(description = "only upstreams of this kind",
                    schema = @Schema(enumeration = {"kubernetes", "envoy-admin", "console"})) String kind,
            @QueryParam("cluster") @Parameter(description = "only this cluster's upstreams (a registered cluster)")
            String cluster) {
        // the clusters the caller may read (the scope check narrows, or refuses a named cluster outside it): an
        // upstream's errors and latency are its cluster's details
        Set<String> visible = registry.select(cluster, null).stream().map(Cluster::name).collect(Collectors.toSet());
        return new UpstreamList(guards.all().stream()
                .filter(g -> kind == null || g.ref().kind().id().equals(kind))
                .filter(g -> visible.contains(g.ref().cluster()))
                .map(UpstreamsResource::view)
                .sorted(Comparator.comparing(UpstreamView::id))
                .toList());
    }

    private static UpstreamView view(UpstreamGuard g) {
        UpstreamRef ref = g.ref();
        return new UpstreamView(ref.id(), ref.kind().id(), ref.cluster(), ref.gateway(), g.breakerState().name(),
                g.inFlight(), g.okCount(), g.failedCount(), g.lastError(), g.latencyMillis(0.5),
                g.latencyMillis(0.99));
    }
}
