package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Told by the {@link Applier} of every object it wrote in a cluster (not dry runs, not unchanged objects, not
 * failed, partial or unknown outcomes), so that the revision history ({@code io.higress.fleet.revisions}) sees every
 * write from every path without the framework depending on it. Optional: without an implementation nothing is
 * recorded.
 */
public interface WriteRecorder {

    /** Who and why: taken on the calling thread of a write (the caller is not known on the threads that finish it). */
    @RegisterForReflection
    record Origin(String who, String requestId, String rollout, String reason) {
    }

    /**
     * One object written in one cluster. {@code kind}: the write's kind (a registered kind's name, or a manifest's
     * Kubernetes kind); {@code source}: the plural of the kind's endpoint or {@code manifests} ({@link Applier.Write});
     * {@code before}/{@code after}: its stored objects before and as the upstream answered after;
     * {@code hint}: what the write wanted (a form reads the parts it names), or null.
     */
    @RegisterForReflection
    record Written(String cluster, ObjectRef ref, String source, String shownKind, String action, List<StoredObject> before,
            List<StoredObject> after, JsonNode hint) {
    }

    /** On the calling thread of {@link Applier#write} and {@link Applier#writeIn}. */
    Origin origin(Applier.Options options);

    /** After the write: stores its revision; never fails (a write that was made stays made). */
    Uni<Void> written(Origin origin, Written written);
}
