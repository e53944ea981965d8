package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Cluster;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where one cluster keeps its stored objects: its Kubernetes API ({@link KubernetesStore}) or its Higress Console
 * ({@link ConsoleStore}). Plain get / list / create / update / delete by version, nothing decided here: the
 * {@link Applier} decides. Failures are {@code ProblemException}s naming the cluster; a concurrent change is a 409.
 */
public interface ObjectStore {

    /** The object, or null when the store has none. */
    Uni<StoredObject> get(Cluster cluster, ObjectAddress address);

    /** Every object of a type in a namespace; {@code managedOnly}: only those with the fleet's label (Kubernetes). */
    Uni<List<StoredObject>> list(Cluster cluster, StoredType type, String namespace, boolean managedOnly);

    /** Answers the object as the store holds it now. */
    Uni<StoredObject> create(Cluster cluster, ObjectAddress address, ObjectNode body);

    /** {@code body} carries the version read before ({@link StoredType#overCurrent}): a stale one is a 409. */
    Uni<StoredObject> update(Cluster cluster, ObjectAddress address, ObjectNode body);

    Uni<Void> delete(Cluster cluster, ObjectAddress address);

    /** The reads of one cluster, as a {@link Form} sees them. */
    default StoreReads reads(Cluster cluster) {
        ObjectStore store = this;
        return new StoreReads() {
            @Override
            public Uni<StoredObject> get(ObjectAddress address) {
                return store.get(cluster, address);
            }

            @Override
            public Uni<List<StoredObject>> list(StoredType type, String namespace) {
                return store.list(cluster, type, namespace, false);
            }
        };
    }
}
