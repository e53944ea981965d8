package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which object a write is about, the same in every cluster. */
@RegisterForReflection
public record ObjectRef(String kind, String namespace, String name) {

    public static ObjectRef of(HasMetadata o) {
        return new ObjectRef(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
