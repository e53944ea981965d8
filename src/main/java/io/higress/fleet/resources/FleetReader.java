package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads objects from the targeted clusters in parallel, each through its {@link ClusterResourceStore}, each cluster
 * settled into its objects or its problem.
 */
@ApplicationScoped
public class FleetReader {

    /** One cluster's answer: its objects, or the problem that kept them from us. */
    public record ClusterCopies(Cluster cluster, List<GenericKubernetesResource> objects, Problem error) {
    }

    /** Every object of {@code kind} in {@code namespace}; with {@code managedOnly}, only those the facade wrote. */
    public Uni<List<ClusterCopies>> list(ClusterStores.Selection stores, List<Cluster> clusters, String kind,
            String namespace, boolean managedOnly) {
        return settle(clusters, c -> stores.of(c).list(c, kind, namespace, managedOnly));
    }

    public Uni<List<ClusterCopies>> get(ClusterStores.Selection stores, List<Cluster> clusters, ObjectRef ref) {
        return settle(clusters, c -> stores.of(c).get(c, ref).map(o -> o == null ? List.of() : List.of(o)));
    }

    private static Uni<List<ClusterCopies>> settle(List<Cluster> clusters,
            java.util.function.Function<Cluster, Uni<List<GenericKubernetesResource>>> read) {
        return Uni.join().all(clusters.stream().map(c -> read.apply(c)
                .map(list -> new ClusterCopies(c, list, null))
                .onFailure().recoverWithItem(t -> new ClusterCopies(c, List.of(), problem(t, c)))).toList())
                .andFailFast();
    }

    private static Problem problem(Throwable t, Cluster c) {
        Problem p = t instanceof ProblemException e ? e.problem()
                : Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly reading cluster " + c.name());
        return p.cluster() == null ? p.withTarget(c.name(), null) : p;
    }
}
