package io.higress.fleet.rollout;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** One object as it was in a cluster before the rollout touched it; {@code previous} null: it did not exist. */
public record SnapshotEntry(ObjectKey key, GenericKubernetesResource previous) {
}
