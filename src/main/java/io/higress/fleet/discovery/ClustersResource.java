package io.higress.fleet.discovery;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.higress.fleet.upstream.console.ConsoleStatusCache;
import io.higress.fleet.upstream.kube.KubeClients;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet registry (contract §3): clusters, their status and their gateways. */
@StrictQuery
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clusters", description = "The registered clusters and their gateways")
public class ClustersResource {

    private final ClusterRegistry registry;
    private final GatewayDiscovery discovery;
    private final UpstreamGuards guards;
    private final ConsoleStatusCache consoles;
    private final KubeClients kube;

    public ClustersResource(ClusterRegistry registry, GatewayDiscovery discovery, UpstreamGuards guards,
            ConsoleStatusCache consoles, KubeClients kube) {
        this.registry = registry;
        this.discovery = discovery;
        this.guards = guards;
        this.consoles = consoles;
        this.kube = kube;
    }

    @RegisterForReflection
    public record ClusterList(List<ClusterView> items) {
    }

    @RegisterForReflection
    public record GatewayList(String cluster, List<Gateway> items) {
    }

    @GET
    @Operation(operationId = "listClusters", summary = "The targeted clusters with their gateway counts and status")
    @APIResponse(responseCode = "200", description = "the clusters, by name")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ClusterList> list(
            @QueryParam("clusters") @Parameter(description = "cluster names, comma-separated") String clusters,
            @QueryParam("selector") @Parameter(description = "label selector over the clusters' labels, e.g. "
                    + "env in (dev,test)") String selector) {
        List<Cluster> selected = clusters == null && selector == null ? List.copyOf(registry.all())
                : registry.select(clusters, selector);
        return Multi.createFrom().iterable(selected)
                .onItem().transformToUniAndMerge(this::view)
                .collect().asList()
                .map(views -> new ClusterList(views.stream().sorted(Comparator.comparing(ClusterView::name)).toList()));
    }

    @GET
    @Path("/{cluster}")
    @Operation(operationId = "getCluster", summary = "One cluster")
    @APIResponse(responseCode = "200", description = "the cluster")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ClusterView> get(@PathParam("cluster") String name) {
        return view(registry.get(checkedName(name)));
    }

    @GET
    @Path("/{cluster}/gateways")
    @Operation(operationId = "listClusterGateways", summary = "The gateway pods of one cluster")
    @APIResponse(responseCode = "200", description = "the gateways, as last discovered")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<GatewayList> gateways(@PathParam("cluster") String name) {
        Cluster cluster = registry.get(checkedName(name));
        return discovery.gateways(cluster).map(found -> {
            if (found.error() != null && found.gateways().isEmpty()) {
                throw new ProblemException(found.error());
            }
            return new GatewayList(cluster.name(), found.gateways());
        });
    }

    static String checkedName(String name) {
        if (!Names.isDns1123Label(name)) {
            throw new ProblemException(Problem.invalid("cluster", "'" + name + "' is not a cluster name"));
        }
        return name;
    }

    private Uni<ClusterView> view(Cluster cluster) {
        Uni<ConsoleStatus> console = cluster.consoleUrl().isPresent() ? consoles.status(cluster.name())
                : Uni.createFrom().nullItem();
        return Uni.combine().all().unis(discovery.gateways(cluster), console).asTuple().map(t -> {
            ClusterGateways found = t.getItem1();
            int discovered = found.gateways().size();
            int ready = (int) found.readyCount();
            return new ClusterView(cluster.name(), cluster.labels(),
                    cluster.hasKubernetes() ? new ClusterView.Kubernetes(kube.serverUrl(cluster)) : null,
                    t.getItem2(),
                    new ClusterView.GatewayCounts(discovered, ready),
                    cluster.config().management(),
                    ClusterStatus.of(cluster, found, t.getItem2(), guards),
                    found.error() != null ? found.error().detail() : null);
        });
    }
}
