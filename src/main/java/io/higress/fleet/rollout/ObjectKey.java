package io.higress.fleet.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.higress.fleet.resources.ObjectRef;

/** Which object a rollout writes: two rollouts may not write the same one in the same cluster at once. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) {

    public static ObjectKey of(HasMetadata o) {
        return new ObjectKey(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    /** The same object as the resources package names it (kinds have one apiVersion each there). */
    ObjectRef ref() {
        return new ObjectRef(kind, namespace, name);
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
