package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.resources.FleetReader.ClusterCopies;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/export}: the objects the facade manages in the targeted clusters (label
 * {@code app.kubernetes.io/managed-by=higress-fleet}) as one multi-document YAML that {@code POST /api/v1/manifests}
 * applies elsewhere. An object held by several clusters appears once, as its first cluster (by name) has it. An
 * unreadable cluster fails the export: a bulk copy silently missing objects would be worse than none.
 */
@StrictQuery
@Path("/api/v1/export")
@Tag(name = "manifests")
public class ExportResource {
    public static final String YAML = "application/yaml";

    private final ClusterRegistry registry;
    private final FleetReader reader;
    private final ResourceModels models;
    private final CurrentCaller caller;
    private final ClusterStores stores;
    private final Redaction redaction;

    public ExportResource(ClusterRegistry registry, FleetReader reader, ResourceModels models, CurrentCaller caller,
            ClusterStores stores, Redaction redaction) {
        this.redaction = redaction;
        this.registry = registry;
        this.reader = reader;
        this.models = models;
        this.caller = caller;
        this.stores = stores;
    }

    @GET
    @Produces(YAML)
    @Operation(summary = "The managed objects of the targeted clusters as multi-document YAML (secrets redacted for non-admins)")
    public Uni<String> export(@BeanParam ReadParams params) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        String namespace = models.namespace(params.namespace);
        boolean admin = caller.isAdmin();
        List<Uni<List<ClusterCopies>>> reads = ResourceTypes.EXPORT_ORDER.stream()
                .map(kind -> reader.list(stores.kubernetesOnly(), targets, kind, namespace, true)).toList();
        return Uni.join().all(reads).andFailFast().map(perKind -> {
            List<GenericKubernetesResource> objects = new ArrayList<>();
            perKind.forEach(copies -> objects.addAll(once(copies)));
            return ManifestExporter.export(admin ? objects : objects.stream().map(this::redacted).toList());
        });
    }

    private static List<GenericKubernetesResource> once(List<ClusterCopies> copies) {
        Map<String, GenericKubernetesResource> byName = new LinkedHashMap<>();
        for (ClusterCopies c : copies) {
            if (c.error() != null) {
                Problem p = c.error();
                throw new ProblemException(p.withDetail("cannot export: " + p.detail()));
            }
            c.objects().forEach(o -> byName.putIfAbsent(o.getMetadata().getName(), o));
        }
        return List.copyOf(byName.values());
    }

    private GenericKubernetesResource redacted(GenericKubernetesResource o) {
        return Json.MAPPER.convertValue(redaction.redact(Json.tree(o)), GenericKubernetesResource.class);
    }
}
