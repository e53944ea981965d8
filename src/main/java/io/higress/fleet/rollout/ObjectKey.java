package io.higress.fleet.rollout;

import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.ObjectRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which object a rollout writes: two rollouts may not write the same one in the same cluster at once. {@code kind}
 * is the kind's name in write results (e.g. {@code Ingress}), as the REST writes' locks name it.
 */
@RegisterForReflection
public record ObjectKey(String kind, String namespace, String name) {

    public static ObjectKey of(RolloutObject o) {
        String kind = RolloutObject.MANIFEST.equals(o.kind()) ? o.body().path("kind").asText()
                : Kinds.byPlural(o.kind()).names().kind();
        return new ObjectKey(kind, o.namespace(), o.name());
    }

    /** The same object as the write path names it. */
    ObjectRef ref() {
        return new ObjectRef(kind, namespace, name);
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
