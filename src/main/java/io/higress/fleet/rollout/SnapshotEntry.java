package io.higress.fleet.rollout;

import io.higress.fleet.resources.StoredObject;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One object as it was in a cluster before the rollout touched it: the stored objects that held it, as its store
 * had them (empty: it did not exist).
 */
@RegisterForReflection
public record SnapshotEntry(ObjectKey key, List<StoredObject> previous) {
}
