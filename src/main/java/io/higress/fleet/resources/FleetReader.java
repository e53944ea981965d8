package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.ClusterStores.Placement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a kind's objects from the targeted clusters in parallel, each through its form and store, each cluster
 * settled into its copies or its problem.
 */
@ApplicationScoped
public class FleetReader {

    /** One cluster's answer: its copies, or the problem that kept them from us. */
    @RegisterForReflection
    public record ClusterCopies(Cluster cluster, List<Copy<?>> copies, Problem error) {
    }

    private final ClusterStores stores;

    public FleetReader(ClusterStores stores) {
        this.stores = stores;
    }

    /** Every object of {@code kind} in {@code namespace}. */
    public <S extends Spec> Uni<List<ClusterCopies>> list(Kind<S> kind, List<Cluster> clusters, String namespace) {
        return settle(kind, clusters, (p, c) -> p.form().list(p.store().reads(c), namespace)
                .map(l -> List.<Copy<?>>copyOf(l)));
    }

    public <S extends Spec> Uni<List<ClusterCopies>> get(Kind<S> kind, List<Cluster> clusters, ObjectRef ref) {
        return settle(kind, clusters, (p, c) -> p.form().read(p.store().reads(c), ref.namespace(), ref.name(), null)
                .map(copy -> copy.exists() ? List.<Copy<?>>of(copy) : List.<Copy<?>>of()));
    }

    private interface Read<S extends Spec> {
        Uni<List<Copy<?>>> in(Placement<S> placement, Cluster cluster);
    }

    private <S extends Spec> Uni<List<ClusterCopies>> settle(Kind<S> kind, List<Cluster> clusters, Read<S> read) {
        Function<Cluster, Uni<List<Copy<?>>>> perCluster = c -> {
            Placement<S> p = stores.of(kind, c);
            return p.refusal() != null ? Uni.createFrom().failure(p.refusal())
                    : Uni.createFrom().deferred(() -> read.in(p, c));
        };
        return Uni.join().all(clusters.stream().map(c -> perCluster.apply(c)
                .map(list -> new ClusterCopies(c, list, null))
                .onFailure().recoverWithItem(t -> new ClusterCopies(c, List.of(), problem(t, c)))).toList())
                .andFailFast();
    }

    static Problem problem(Throwable t, Cluster c) {
        Problem p = t instanceof ProblemException e ? e.problem()
                : Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly reading cluster " + c.name());
        return p.cluster() == null ? p.withTarget(c.name(), null) : p;
    }
}
