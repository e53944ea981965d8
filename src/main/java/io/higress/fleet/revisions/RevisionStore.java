package io.higress.fleet.revisions;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where revisions are kept: the home cluster ({@link HomeRevisionStore}) or the data directory. Blocking. */
interface RevisionStore {

    void add(Revision revision);

    /** Every revision kept, in no particular order. */
    List<Revision> all();

    Optional<Revision> find(String id);

    void remove(Collection<String> ids);

    /** The highest {@link Revision#seq} kept (0: none). */
    default long lastSeq() {
        return all().stream().mapToLong(Revision::seq).max().orElse(0);
    }
}
