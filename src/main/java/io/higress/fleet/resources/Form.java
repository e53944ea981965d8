package io.higress.fleet.resources;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * How one kind lives in one store: which stored objects ({@link Part}s) hold one facade object and how they translate.
 * An object may be one stored object (an Ingress), several (a console plugin: its definition and its global
 * instance), or entries in a shared one (a form reading the shared object and answering the part that is its
 * entry). The {@link Applier} plans and sends; a form only reads and translates.
 */
public interface Form<S extends Spec> {

    /**
     * What the store holds of the object {@code namespace/name}. {@code desired} is what the write wants (null for
     * reads and deletes): a form whose parts depend on the content (a bridge's registries) reads those.
     */
    Uni<Copy<S>> read(StoreReads reads, String namespace, String name, S desired);

    /** Every object of the kind in {@code namespace}; absent ones are left out. */
    Uni<List<Copy<S>>> list(StoreReads reads, String namespace);

    /**
     * The stored objects that hold {@code spec}, built over {@code current} so that what the facade does not model
     * is kept. A {@code ProblemException} of status 400 refuses the request (this store cannot hold it).
     */
    List<Part> parts(S spec, String namespace, Copy<S> current);
}
