package io.higress.fleet.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Which object a rollout writes: two rollouts may not write the same one in the same cluster at once. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) {

    public static ObjectKey of(HasMetadata o) {
        return new ObjectKey(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
