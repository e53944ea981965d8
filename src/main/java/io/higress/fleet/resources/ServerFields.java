package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Metadata the API server owns or that only makes sense in the cluster it came from. Stripped on export and when
 * parsing manifests, so that an exported object applies cleanly to another cluster: a stale resourceVersion would be
 * a conflict, ownerReferences point at uids of the source cluster (the garbage collector would delete the copy).
 */
public final class ServerFields {
    static final List<String> METADATA = List.of("resourceVersion", "uid", "creationTimestamp", "managedFields",
            "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ServerFields() {
    }

    /** Removes server-populated fields from an object tree in place and returns it. */
    public static ObjectNode strip(ObjectNode object) {
        object.remove("status");
        if (object.get("metadata") instanceof ObjectNode meta) {
            meta.remove(METADATA);
            if (meta.get("annotations") instanceof ObjectNode ann) {
                ann.remove(LAST_APPLIED);
                if (ann.isEmpty()) {
                    meta.remove("annotations");
                }
            }
        }
        return object;
    }
}
