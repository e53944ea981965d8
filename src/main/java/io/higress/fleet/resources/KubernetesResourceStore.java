package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.higress.fleet.fleet.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.kube.KubeCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The Kubernetes calls of configuration resources, one cluster at a time, all through {@link KubeCalls} (guard,
 * worker thread, failure mapping). Reads are retried by the guard, writes never. Only plain create and update with
 * {@code resourceVersion}: no server-side apply and no {@code dryRun} reaches a cluster (see {@link FleetWriter}).
 */
@ApplicationScoped
public class ClusterObjects {

    private final KubeCalls kube;

    public ClusterObjects(KubeCalls kube) {
        this.kube = kube;
    }

    /** The cluster's copy, or null when it has none. */
    public Uni<GenericKubernetesResource> get(Cluster cluster, ObjectRef ref) {
        return writable(cluster).chain(() -> kube.call(cluster, CallOptions.READ,
                c -> type(c, ref.kind()).inNamespace(ref.namespace()).withName(ref.name()).get()));
    }

    /** Every object of a kind in a namespace, optionally only those with the label {@code key=value}. */
    public Uni<List<GenericKubernetesResource>> list(Cluster cluster, String kind, String namespace,
            String labelKey, String labelValue) {
        return writable(cluster).chain(() -> kube.call(cluster, CallOptions.READ, c -> {
            var inNamespace = type(c, kind).inNamespace(namespace);
            var list = labelKey == null ? inNamespace.list() : inNamespace.withLabel(labelKey, labelValue).list();
            return list.getItems();
        }));
    }

    public Uni<GenericKubernetesResource> create(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> one(c, object).create());
    }

    /** A PUT carrying the resourceVersion read before: a concurrent change in between is a 409. */
    public Uni<GenericKubernetesResource> update(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> one(c, object).update());
    }

    public Uni<Void> delete(Cluster cluster, GenericKubernetesResource object) {
        return kube.call(cluster, CallOptions.WRITE, c -> {
            one(c, object).delete();
            return null;
        });
    }

    /**
     * Routes, plugins and bridges are written through a cluster's Kubernetes API. Clusters configured with
     * {@code management: console} (or without Kubernetes access) answer a per-cluster problem until console writes
     * exist; the other clusters of the request go ahead.
     */
    static Uni<Void> writable(Cluster cluster) {
        if (cluster.hasKubernetes() && "kubernetes".equals(cluster.config().management())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                        "cluster '" + cluster.name() + "' is managed through its console (or has no Kubernetes"
                                + " access): configuration resources are only written through the Kubernetes API")
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
