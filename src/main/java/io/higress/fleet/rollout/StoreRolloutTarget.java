package io.higress.fleet.rollout;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.resources.ClusterResourceStore;
import io.higress.fleet.resources.ClusterStores;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Planner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * {@link RolloutTarget} through the cluster stores of the REST write path (Kubernetes, or the console for
 * console-managed clusters): read → {@link Planner} → create, or update carrying the current resourceVersion
 * (optimistic; a concurrent writer makes it a 409). Objects are handled one after the other, in the order given
 * (restored in reverse).
 */
@ApplicationScoped
public class StoreRolloutTarget implements RolloutTarget {

    private final ClusterStores.Selection stores;

    public StoreRolloutTarget(ClusterStores stores) {
        this.stores = stores.byManagement();
    }

    private ClusterResourceStore objects(Cluster cluster) {
        return stores.of(cluster);
    }

    @Override
    public Uni<List<SnapshotEntry>> snapshot(Cluster cluster, List<GenericKubernetesResource> wanted) {
        return inOrder(wanted, o -> objects(cluster).get(cluster, ObjectRef.of(o))
                .map(current -> new SnapshotEntry(ObjectKey.of(o), current)));
    }

    @Override
    public Uni<List<String>> apply(Cluster cluster, List<GenericKubernetesResource> wanted, boolean force) {
        return inOrder(wanted, o -> objects(cluster).get(cluster, ObjectRef.of(o))
                .map(current -> Planner.apply(cluster.name(), o, current, force))
                .chain(plan -> write(cluster, plan).replaceWith(plan.action().wire())));
    }

    @Override
    public Uni<Void> restore(Cluster cluster, List<SnapshotEntry> snapshot) {
        List<SnapshotEntry> newestFirst = new ArrayList<>(snapshot);
        Collections.reverse(newestFirst);
        return inOrder(newestFirst, e -> objects(cluster).get(cluster, e.key().ref())
                .chain(current -> restore(cluster, e, current))).replaceWithVoid();
    }

    /**
     * An existing object is only touched when it carries the facade's label: every apply sets it, so an unlabelled
     * one was never written by this rollout (e.g. it was refused for want of force) and stays as it is.
     */
    private Uni<Void> restore(Cluster cluster, SnapshotEntry e, GenericKubernetesResource current) {
        if (current != null && !Ownership.isManaged(current)) {
            return Uni.createFrom().voidItem();
        }
        if (e.previous() == null) {
            return current == null ? Uni.createFrom().voidItem() : objects(cluster).delete(cluster, current);
        }
        // force: the object is the facade's now, whoever owned it before the rollout
        return write(cluster, Planner.apply(cluster.name(), e.previous(), current, true));
    }

    private Uni<Void> write(Cluster cluster, Planner.Plan plan) {
        return switch (plan.action()) {
            case CREATE -> objects(cluster).create(cluster, plan.object()).replaceWithVoid();
            case UPDATE -> objects(cluster).update(cluster, plan.object()).replaceWithVoid();
            case UNCHANGED -> Uni.createFrom().voidItem();
            case DELETE -> throw new IllegalStateException("a rollout plans no delete");
        };
    }

    private static <T, R> Uni<List<R>> inOrder(List<T> items, Function<T, Uni<R>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply).collect().asList();
    }
}
