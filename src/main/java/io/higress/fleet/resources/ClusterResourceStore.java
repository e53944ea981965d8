package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where one cluster keeps its routes, plugins and bridges: its Kubernetes API ({@link KubernetesResourceStore}) or
 * its Higress Console ({@link ConsoleResourceStore}), chosen by {@link ClusterStores}. Objects are Kubernetes-shaped
 * either way, so {@link FleetWriter}, {@link Planner} and {@link FleetReader} plan, diff and answer alike for every
 * cluster. Failures are {@code ProblemException}s naming the cluster.
 */
public interface ClusterResourceStore {

    /** The cluster's copy, or null when it has none. */
    Uni<GenericKubernetesResource> get(Cluster cluster, ObjectRef ref);

    /** Every object of a kind in a namespace; with {@code managedOnly}, only those the facade owns. */
    Uni<List<GenericKubernetesResource>> list(Cluster cluster, String kind, String namespace, boolean managedOnly);

    /** Answers the object as written, with its new resourceVersion. */
    Uni<GenericKubernetesResource> create(Cluster cluster, GenericKubernetesResource object);

    /** Carries the resourceVersion read before: a concurrent change in between is a 409. */
    Uni<GenericKubernetesResource> update(Cluster cluster, GenericKubernetesResource object);

    Uni<Void> delete(Cluster cluster, GenericKubernetesResource object);
}
