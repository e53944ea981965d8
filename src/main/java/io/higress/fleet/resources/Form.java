package io.higress.fleet.resources;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * How one kind lives in one store: which stored objects ({@link Part}s) hold one facade object and how they translate.
 * An object may be one stored object (an Ingress), several (a console plugin: its definition and its global
 * instance), or entries in a shared one (a form reading the shared object and answering the part that is its
 * entry, with {@link #remainder} and {@link #restored} for deletes and rollbacks). The {@link Applier} plans and
 * sends; a form only reads and translates.
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

    /**
     * The kind write results name the object by in this store ({@code kind}: the kind's name): a form whose objects
     * are of another type in some clusters says so (a route held in an HTTPRoute). Asked for every result, failures
     * and deletes included: {@code desired} is what the write wants (null: a delete, or not known), {@code current}
     * what was read and {@code plan} what was planned, each null when the write failed before it.
     */
    default String resultKind(String kind, S desired, Copy<S> current, Planner.Plan plan) {
        return kind;
    }

    /**
     * What stays of the stored objects when the object is deleted: nothing for an object whose parts are its own
     * (every part is deleted); for an entry in shared objects, those objects without the entry (sent as updates).
     */
    default List<Part> remainder(String namespace, Copy<S> current) {
        return List.of();
    }

    /**
     * A rollback: the parts that put the object back as a snapshot ({@code previous}: its parts then) had it. By
     * default the snapshot's objects as they were; an entry in shared objects overrides this to put back only its
     * entry, so that what others changed in those objects meanwhile stays.
     */
    default List<Part> restored(List<StoredObject> previous, String namespace, Copy<S> current) {
        return previous.stream().map(p -> new Part(p.address(), p.body(), null)).toList();
    }
}
