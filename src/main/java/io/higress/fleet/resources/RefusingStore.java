package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** A cluster that cannot take part in a request: every call fails with the same per-cluster problem. */
record RefusingStore(ProblemException refusal) implements ClusterResourceStore {

    @Override
    public Uni<GenericKubernetesResource> get(Cluster cluster, ObjectRef ref) {
        return Uni.createFrom().failure(refusal);
    }

    @Override
    public Uni<List<GenericKubernetesResource>> list(Cluster cluster, String kind, String namespace,
            boolean managedOnly) {
        return Uni.createFrom().failure(refusal);
    }

    @Override
    public Uni<GenericKubernetesResource> create(Cluster cluster, GenericKubernetesResource object) {
        return Uni.createFrom().failure(refusal);
    }

    @Override
    public Uni<GenericKubernetesResource> update(Cluster cluster, GenericKubernetesResource object) {
        return Uni.createFrom().failure(refusal);
    }

    @Override
    public Uni<Void> delete(Cluster cluster, GenericKubernetesResource object) {
        return Uni.createFrom().failure(refusal);
    }
}
