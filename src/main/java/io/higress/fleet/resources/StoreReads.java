package io.higress.fleet.resources;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** What a {@link Form} may read of one cluster's store. */
public interface StoreReads {

    /** The object, or null when the store has none. */
    Uni<StoredObject> get(ObjectAddress address);

    /** Every object of a type ({@code namespace} ignored by a console). */
    Uni<List<StoredObject>> list(StoredType type, String namespace);
}
