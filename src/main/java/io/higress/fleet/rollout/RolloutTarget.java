package io.higress.fleet.rollout;

import io.higress.fleet.cluster.Cluster;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where a rollout writes: read what is there, write the new objects, put the old ones back. Every operation
 * re-reads the cluster and plans from what it finds, so repeating one after a crash writes nothing twice.
 */
public interface RolloutTarget {

    /** The objects as they are in the cluster now (absent ones with no stored objects). */
    Uni<List<SnapshotEntry>> snapshot(Cluster cluster, List<RolloutObject> objects);

    /**
     * Creates or updates each object for rollout {@code rollout}; answers per object {@code create}, {@code update}
     * or {@code unchanged}. An existing object the facade does not manage fails the apply (409) unless {@code force}.
     */
    Uni<List<String>> apply(Cluster cluster, List<RolloutObject> objects, boolean force, String rollout);

    /**
     * Puts every snapshotted object back as it was and deletes the ones that did not exist; objects the facade does
     * not manage (the apply never wrote them) are left alone.
     */
    Uni<Void> restore(Cluster cluster, List<RolloutObject> objects, List<SnapshotEntry> snapshot, String rollout);
}
