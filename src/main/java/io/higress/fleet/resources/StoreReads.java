package io.higress.fleet.resources;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** What a {@link Form} may read of one cluster's store. */
public interface StoreReads {

    /** The namespace of a {@link #list} of every namespace's objects (a console has no namespaces: it lists all). */
    String EVERY_NAMESPACE = "*";

    /** The object, or null when the store has none. */
    Uni<StoredObject> get(ObjectAddress address);

    /** Every object of a type ({@code namespace} ignored by a console). */
    Uni<List<StoredObject>> list(StoredType type, String namespace);
}
