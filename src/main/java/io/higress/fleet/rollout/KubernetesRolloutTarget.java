package io.higress.fleet.rollout;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.higress.fleet.fleet.Cluster;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Planner;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.kube.KubeCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RolloutTarget} over each cluster's API server through {@link KubeCalls}: read → {@link Planner} → create,
 * or update carrying the current resourceVersion (optimistic; a concurrent writer makes it a 409). Objects not
 * managed by the facade are refused by the planner (409), so a rollout never takes one over.
 */
@ApplicationScoped
public class KubernetesRolloutTarget implements RolloutTarget {
    /** Plurals of the kinds a rollout may carry, so that no API discovery call is needed. */
    private static final Map<String, String> PLURALS = Map.of("Ingress", "ingresses", "WasmPlugin", "wasmplugins",
            "McpBridge", "mcpbridges", "Http2Rpc", "http2rpcs");

    private final KubeCalls kube;

    public KubernetesRolloutTarget(KubeCalls kube) {
        this.kube = kube;
    }

    @Override
    public Uni<List<SnapshotEntry>> snapshot(Cluster cluster, List<GenericKubernetesResource> objects) {
        return kube.call(cluster, CallOptions.READ, client -> objects.stream()
                .map(o -> new SnapshotEntry(ObjectKey.of(o), objects(client, ObjectKey.of(o))
                        .withName(o.getMetadata().getName()).get()))
                .toList());
    }

    @Override
    public Uni<List<String>> apply(Cluster cluster, List<GenericKubernetesResource> objects) {
        return kube.call(cluster, CallOptions.WRITE, client -> {
            List<String> actions = new ArrayList<>();
            for (GenericKubernetesResource o : objects) {
                NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                        Resource<GenericKubernetesResource>> ops = objects(client, ObjectKey.of(o));
                Planner.Plan plan = Planner.apply(cluster.name(), o, ops.withName(o.getMetadata().getName()).get(),
                        false);
                write(ops, plan);
                actions.add(plan.action().wire());
            }
            return actions;
        });
    }

    @Override
    public Uni<Void> restore(Cluster cluster, List<SnapshotEntry> snapshot) {
        return kube.call(cluster, CallOptions.WRITE, client -> {
            List<SnapshotEntry> newestFirst = new ArrayList<>(snapshot);
            Collections.reverse(newestFirst);
            for (SnapshotEntry e : newestFirst) {
                NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                        Resource<GenericKubernetesResource>> ops = objects(client, e.key());
                GenericKubernetesResource current = ops.withName(e.key().name()).get();
                if (e.previous() == null) {
                    if (current != null && Ownership.isManaged(current)) {
                        ops.withName(e.key().name()).delete();
                    }
                } else {
                    // force: the object is ours (the apply passed the ownership check), put its old content back
                    write(ops, Planner.apply(cluster.name(), e.previous(), current, true));
                }
            }
            return null;
        });
    }

    private static void write(NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> ops, Planner.Plan plan) {
        switch (plan.action()) {
            case CREATE -> ops.resource(plan.object()).create();
            case UPDATE -> ops.resource(plan.object()).update();
            default -> {
            }
        }
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> objects(KubernetesClient client, ObjectKey key) {
        String[] gv = key.apiVersion().split("/", 2);
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                .withGroup(gv.length == 2 ? gv[0] : "")
                .withVersion(gv.length == 2 ? gv[1] : gv[0])
                .withKind(key.kind())
                .withPlural(PLURALS.getOrDefault(key.kind(), key.kind().toLowerCase(Locale.ROOT) + "s"))
                .withNamespaced(true)
                .build();
        return client.genericKubernetesResources(ctx).inNamespace(key.namespace());
    }
}
