package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.kube.KubeCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@link ClusterResourceStore} of {@code management: kubernetes} clusters: the Kubernetes calls of
 * configuration resources, one cluster at a time, all through {@link KubeCalls} (guard,
 * worker thread, failure mapping). Reads are retried by the guard, writes never. Only plain create and update with
 * {@code resourceVersion}: no server-side apply and no {@code dryRun} reaches a cluster (see {@link FleetWriter}).
 */
@ApplicationScoped
public class KubernetesResourceStore implements ClusterResourceStore {

    private final KubeCalls kube;

    public KubernetesResourceStore(KubeCalls kube) {
        this.kube = kube;
    }

    @Override
    public Uni<GenericKubernetesResource> get(Cluster cluster, ObjectRef ref) {
        return withKubernetes(cluster).chain(() -> kube.call(cluster, CallOptions.READ,
                c -> type(c, ref.kind()).inNamespace(ref.namespace()).withName(ref.name()).get()));
    }

    @Override
    public Uni<List<GenericKubernetesResource>> list(Cluster cluster, String kind, String namespace,
            boolean managedOnly) {
        return withKubernetes(cluster).chain(() -> kube.call(cluster, CallOptions.READ, c -> {
            var inNamespace = type(c, kind).inNamespace(namespace);
            var list = managedOnly ? inNamespace.withLabel(Ownership.LABEL, Ownership.VALUE).list()
                    : inNamespace.list();
            return list.getItems();
        }));
    }

    @Override
    public Uni<GenericKubernetesResource> create(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> one(c, object).create());
    }

    @Override
    public Uni<GenericKubernetesResource> update(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> one(c, object).update());
    }

    @Override
    public Uni<Void> delete(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> {
            one(c, object).delete();
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

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> type(KubernetesClient c, String kind) {
        return c.genericKubernetesResources(ResourceTypes.of(kind));
    }

    private static Resource<GenericKubernetesResource> one(KubernetesClient c, GenericKubernetesResource o) {
        return type(c, o.getKind()).inNamespace(o.getMetadata().getNamespace()).resource(o);
    }
}
