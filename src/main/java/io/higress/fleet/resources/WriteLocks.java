package io.higress.fleet.resources;

import java.util.Optional;

/**
 * Objects another writer holds in a cluster — an unfinished rollout owns what it writes until it ends, so that a
 * REST write cannot change a canary under its health gate (or under its rollback snapshot).
 */
public interface WriteLocks {

    /** Who holds {@code ref} in {@code cluster} (e.g. "rollout 6f1c…"), or empty when it is free. */
    Optional<String> holder(String cluster, ObjectRef ref);
}
