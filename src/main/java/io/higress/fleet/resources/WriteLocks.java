package io.higress.fleet.resources;

import java.util.Optional;

/**
 * Objects another writer holds in a cluster — an unfinished rollout owns what it writes until it ends, so that a
 * REST write cannot change a canary under its health gate (or under its rollback snapshot).
 */
public interface WriteLocks {

    /** The id of the unfinished rollout that holds {@code ref} in {@code cluster}, or empty when it is free. */
    Optional<String> holder(String cluster, ObjectRef ref);
}
