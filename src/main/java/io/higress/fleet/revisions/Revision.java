package io.higress.fleet.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.FieldChange;
import io.higress.fleet.resources.StoredObject;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One object written in one cluster, as stored: {@code kind} the write's (a registered kind's name, e.g.
 * {@code Route}, or a manifest's Kubernetes kind), {@code plural} its endpoint's ({@code manifests} for a manifest),
 * {@code action} {@code created|updated|deleted}; who wrote it and why ({@code requestId}, {@code rollout},
 * {@code reason}); its stored objects {@code before} and {@code after} and their field {@code changes}, all with
 * secrets redacted ({@link SecretFields}); {@code hint}: what the write wanted (redacted too), so that a restore
 * finds the parts it created. {@code seq} orders revisions of the same instant.
 */
@RegisterForReflection
public record Revision(String id, long seq, Instant at, String cluster, String kind, String plural,
        String shownKind, String namespace, String name, String action, String who, String requestId, String rollout,
        String reason, List<StoredObject> before, List<StoredObject> after, List<FieldChange> changes, JsonNode hint) {

    public Revision {
        before = before == null ? List.of() : List.copyOf(before);
        after = after == null ? List.of() : List.copyOf(after);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The manifest path's objects (raw Kubernetes objects) are restored as manifests, not through a kind. */
    public static final String MANIFESTS = io.higress.fleet.resources.Applier.Write.MANIFESTS;

    boolean manifest() {
        return MANIFESTS.equals(plural);
    }
}
