package io.higress.fleet.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterSource;
import io.higress.fleet.home.ClusterSecrets;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.Role;
import io.higress.fleet.security.audit.AuditRecorder;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The fleet registry (contract §3): clusters, their status and their gateways; and, with a home cluster, clusters
 * registered at runtime (POST, PUT, DELETE: admins only, {@link ClusterSecrets} keeps them). The fleet file's
 * clusters are read-only here.
 */
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
    private final ClusterSecrets secrets;
    private final CurrentVertxRequest current;
    private final CurrentCaller caller;

    public ClustersResource(ClusterRegistry registry, GatewayDiscovery discovery, UpstreamGuards guards,
            ConsoleStatusCache consoles, KubeClients kube, ClusterSecrets secrets, CurrentVertxRequest current,
            CurrentCaller caller) {
        this.caller = caller;
        this.secrets = secrets;
        this.current = current;
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
        Caller who = caller.get();
        // the directory: a scoped caller needs every cluster's name and labels to target; only the details of
        // those it may read (their server, console, gateways, status and errors) and no upstream call for the rest
        return Multi.createFrom().iterable(selected)
                .onItem().transformToUniAndMerge(c -> who.mayOn(Role.VIEWER, c.labels())
                        ? view(c) : Uni.createFrom().item(ClusterView.directoryEntry(c)))
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerCluster", summary = "Register a cluster at runtime (admin): kept as a Secret "
            + "of the home namespace, seen by every replica within seconds")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClusterRequest.class), examples = @ExampleObject(name = "kubeconfig",
                    value = """
                            {"name": "edge", "labels": {"env": "edge"},
                             "kubernetes": {"context": "edge"},
                             "credentials": {"kubeconfig": "apiVersion: v1\\nkind: Config\\n..."}}""")))
    @APIResponse(responseCode = "201", description = "registered; its view (no credential) at Location",
            headers = @Header(name = "Location", description = "/api/v1/clusters/{name}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "405", ref = "MethodNotAllowed")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    public Uni<Response> register(JsonNode body) {
        var ctx = current.getCurrent();
        return blocking(() -> {
            ClusterRequest.Parts parts = ClusterRequest.parts(body, null);
            refuseConfigCluster(parts.name(), "registered");
            audited(ctx, parts.name());
            return secrets.create(parts.name(), parts.definition(), parts.credentials(), parts.errors());
        }).chain(this::view)
                .map(view -> Response.status(Response.Status.CREATED).entity(view)
                        .header("Location", "/api/v1/clusters/" + view.name()).build());
    }

    @PUT
    @Path("/{cluster}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceCluster", summary = "Change a cluster registered at runtime (admin), if it is "
            + "still at the resourceVersion given; credentials left out are kept")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClusterRequest.class)))
    @APIResponse(responseCode = "200", description = "changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "405", ref = "MethodNotAllowed")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    public Uni<ClusterView> replace(@PathParam("cluster") String name, JsonNode body) {
        refuseConfigCluster(checkedName(name), "changed");
        audited(current.getCurrent(), name);
        return blocking(() -> {
            ClusterRequest.Parts parts = ClusterRequest.parts(body, name);
            return secrets.replace(name, parts.resourceVersion(), parts.definition(), parts.credentials(),
                    parts.errors());
        }).chain(this::view);
    }

    @DELETE
    @Path("/{cluster}")
    @Operation(operationId = "deregisterCluster", summary = "Remove a cluster registered at runtime (admin), if "
            + "it is still at the resourceVersion given (when one is)")
    @APIResponse(responseCode = "204", description = "removed: no replica calls it any more")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "405", ref = "MethodNotAllowed")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    public Uni<Response> deregister(@PathParam("cluster") String name,
            @QueryParam("resourceVersion") @Parameter(description = "remove only if the cluster is still at this "
                    + "version (GET shows it): 409 if it changed meanwhile") String resourceVersion,
            @Context HttpServerRequest request) {
        refuseConfigCluster(checkedName(name), "removed");
        // given but empty is not "not given": ?resourceVersion=$RV with RV unset must not remove unconditionally
        if (request.params().contains("resourceVersion") && (resourceVersion == null || resourceVersion.isBlank())) {
            throw new ProblemException(Problem.invalid("resourceVersion", "is empty; give the version GET shows, "
                    + "or leave the parameter out"));
        }
        audited(current.getCurrent(), name);
        return blocking(() -> {
            secrets.delete(name, resourceVersion);
            return Response.noContent().build();
        });
    }

    /** The fleet file's clusters change with the file: 409 naming why, before anything is written. */
    private void refuseConfigCluster(String name, String what) {
        registry.find(name).filter(c -> c.source() == ClusterSource.CONFIG).ifPresent(c -> {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "cluster '" + name
                    + "' is defined in the fleet file (source: config) and cannot be " + what + " through the API")
                    .withHint("change fleet.clusters." + name + " in the fleet file and restart the facade"));
        });
    }

    private static void audited(io.vertx.ext.web.RoutingContext ctx, String name) {
        if (ctx != null && !name.isEmpty()) {
            AuditRecorder.target(ctx, "cluster", name);
        }
    }

    /** The home cluster's client blocks: a worker thread, never the event loop. */
    private static <T> Uni<T> blocking(java.util.function.Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
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
                    found.error() != null ? found.error().detail() : null,
                    cluster.source(), cluster.resourceVersion());
        });
    }
}
