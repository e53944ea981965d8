package io.higress.fleet.resources;

import java.util.List;

/** A kind's {@link Form} in Kubernetes, plus the object types it is made of (first: the one results name). */
public interface KubernetesForm<S extends Spec> extends Form<S> {

    /** The Kubernetes types holding the kind's objects, in export order within the kind. */
    List<KubernetesType> types();
}
