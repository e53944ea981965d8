package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.kube.KubeCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ObjectStore} of {@code management: kubernetes} clusters, all through {@link KubeCalls} (guard, worker
 * thread, failure mapping). Reads are retried by the guard, writes never. Only plain create and update with
 * {@code resourceVersion}: no server-side apply and no {@code dryRun} reaches a cluster (see {@link Applier}). A
 * list holds the objects of the type's {@link ObjectShape} only (a ConfigMap kind's label, a Secret kind's type).
 */
@ApplicationScoped
public class KubernetesStore implements ObjectStore {

    private final KubeCalls kube;

    public KubernetesStore(KubeCalls kube) {
        this.kube = kube;
    }

    @Override
    public Uni<StoredObject> get(Cluster cluster, ObjectAddress a) {
        return withKubernetes(cluster).chain(() -> kube.call(cluster, CallOptions.READ,
                c -> stored(a.type(), type(c, a.type()).inNamespace(a.namespace()).withName(a.name()).get())));
    }

    @Override
    public Uni<List<StoredObject>> list(Cluster cluster, StoredType type, String namespace, boolean managedOnly) {
        return withKubernetes(cluster).chain(() -> kube.call(cluster, CallOptions.READ, c -> {
            FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>> inNamespace = StoreReads.EVERY_NAMESPACE.equals(namespace)
                    ? type(c, type).inAnyNamespace() : type(c, type).inNamespace(namespace);
            KubernetesType k = (KubernetesType) type;
            Map<String, String> labels = new HashMap<>(k.shape().labels());
            if (managedOnly) {
                labels.put(Ownership.LABEL, Ownership.VALUE);
            }
            var list = labels.isEmpty() ? inNamespace.list() : inNamespace.withLabels(labels).list();
            return list.getItems().stream().map(o -> stored(type, o)).filter(o -> k.holds(o.body())).toList();
        }));
    }

    @Override
    public Uni<StoredObject> create(Cluster cluster, ObjectAddress a, ObjectNode body) {
        return kube.call(cluster, CallOptions.WRITE, c -> stored(a.type(), one(c, a, body).create()));
    }

    @Override
    public Uni<StoredObject> update(Cluster cluster, ObjectAddress a, ObjectNode body) {
        return kube.call(cluster, CallOptions.WRITE, c -> stored(a.type(), one(c, a, body).update()));
    }

    @Override
    public Uni<Void> delete(Cluster cluster, ObjectAddress a) {
        return kube.call(cluster, CallOptions.WRITE, c -> {
            type(c, a.type()).inNamespace(a.namespace()).withName(a.name()).delete();
            return null;
        });
    }

    /** A cluster configured without Kubernetes access answers a per-cluster problem; the others go ahead. */
    private static Uni<Void> withKubernetes(Cluster cluster) {
        if (cluster.hasKubernetes()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                        "cluster '" + cluster.name() + "' has no Kubernetes access configured")
                .withTarget(cluster.name(), null)
                .withHint("leave this cluster out with clusters= or selector=, or give it Kubernetes access")));
    }

    private static StoredObject stored(StoredType type, GenericKubernetesResource o) {
        if (o == null) {
            return null;
        }
        ObjectNode body = (ObjectNode) Json.tree(o);
        return new StoredObject(new ObjectAddress(type, o.getMetadata().getNamespace(), o.getMetadata().getName()),
                body, o.getMetadata().getResourceVersion());
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> type(KubernetesClient c, StoredType type) {
        if (!(type instanceof KubernetesType k)) {
            throw new IllegalArgumentException("not a Kubernetes type: " + type.label());
        }
        return c.genericKubernetesResources(k.context());
    }

    private static Resource<GenericKubernetesResource> one(KubernetesClient c, ObjectAddress a, ObjectNode body) {
        GenericKubernetesResource o = Json.MAPPER.convertValue(body, GenericKubernetesResource.class);
        return type(c, a.type()).inNamespace(a.namespace()).resource(o);
    }
}
