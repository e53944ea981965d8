package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/export}: the objects the facade manages in the targeted clusters (label
 * {@code app.kubernetes.io/managed-by=higress-fleet}), of every registered kind's Kubernetes types in export order
 * ({@link Kinds#types()}), as one multi-document YAML that {@code POST /api/v1/manifests} applies elsewhere. An
 * object held by several clusters appears once, as its first cluster (by name) has it. An unreadable cluster fails
 * the export: a bulk copy silently missing objects would be worse than none. Write-only values (a TLS private key)
 * are the placeholder for everyone, admins included ({@link KubernetesType#masked}).
 */
@StrictQuery
@Path("/api/v1/export")
@Tag(name = "manifests")
public class ExportResource {
    public static final String YAML = "application/yaml";

    private final ClusterRegistry registry;
    private final ResourceEndpoints endpoints;
    private final CurrentCaller caller;
    private final ClusterStores stores;
    private final Redaction redaction;

    public ExportResource(ClusterRegistry registry, ResourceEndpoints endpoints, CurrentCaller caller,
            ClusterStores stores, Redaction redaction) {
        this.redaction = redaction;
        this.registry = registry;
        this.endpoints = endpoints;
        this.caller = caller;
        this.stores = stores;
    }

    @GET
    @Produces(YAML)
    @Operation(operationId = "exportManifests", summary = "The managed objects of the targeted clusters as "
            + "multi-document YAML (secrets redacted for non-admins)", description = "What POST /api/v1/manifests "
            + "applies elsewhere. An unreadable cluster fails the export; a console-managed one is a 400 naming it.")
    @APIResponse(responseCode = "200", description = "multi-document YAML, one Kubernetes object per document",
            content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<String> export(@BeanParam ReadParams params) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        String namespace = endpoints.namespace(params.namespace);
        boolean admin = caller.isAdmin();
        List<Uni<List<GenericKubernetesResource>>> perType = Kinds.types().stream()
                .map(type -> once(targets, type, namespace)).toList();
        return Uni.join().all(perType).andFailFast().map(all -> {
            List<GenericKubernetesResource> objects = new ArrayList<>();
            all.forEach(objects::addAll);
            return ManifestExporter.export(admin ? objects : objects.stream().map(this::redacted).toList());
        });
    }

    /** The type's managed objects, each once, as the first cluster (by name) that holds it has it. */
    private Uni<List<GenericKubernetesResource>> once(List<Cluster> clusters, KubernetesType type, String namespace) {
        List<Uni<List<StoredObject>>> reads = clusters.stream().map(c -> Uni.createFrom()
                .deferred(() -> stores.kubernetesStore(c).list(c, type, namespace, true))
                .onFailure().transform(t -> cannotExport(FleetReader.problem(t, c)))).toList();
        return Uni.join().all(reads).andFailFast().map(perCluster -> {
            Map<String, GenericKubernetesResource> byName = new LinkedHashMap<>();
            perCluster.forEach(list -> list.forEach(o -> byName.putIfAbsent(o.address().name(),
                    Json.MAPPER.convertValue(type.masked(o.body()), GenericKubernetesResource.class))));
            return List.copyOf(byName.values());
        });
    }

    private static ProblemException cannotExport(Problem p) {
        return new ProblemException(p.withDetail("cannot export: " + p.detail()));
    }

    private GenericKubernetesResource redacted(GenericKubernetesResource o) {
        return Json.MAPPER.convertValue(redaction.redact(Json.tree(o)), GenericKubernetesResource.class);
    }
}
