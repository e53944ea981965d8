package io.higress.fleet.desiredstate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.resources.SecretRedaction;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The last drift check of a set: {@code state} is {@code in-sync}, {@code drifted} (some cluster differs:
 * {@code objects} say which and how) or {@code failed} (some cluster could not be compared), {@code unchecked}
 * before the first check.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record DesiredStatus(String name, String state, String checkedAt, List<ClusterStatus> clusters) {

    static final String IN_SYNC = "in-sync";
    static final String DRIFTED = "drifted";
    static final String FAILED = "failed";
    static final String UNCHECKED = "unchecked";

    /** Empty lists are left out of the JSON (stored with a home cluster): read back as empty, never null. */
    public DesiredStatus {
        clusters = clusters == null ? List.of() : clusters;
    }

    /** The same status with each drifted object's field changes left out (only which objects, and what a sync does). */
    DesiredStatus withoutChanges() {
        return new DesiredStatus(name, state, checkedAt, clusters.stream()
                .map(c -> new ClusterStatus(c.cluster(), c.state(), c.objects().stream()
                        .map(o -> new DriftedObject(o.kind(), o.namespace(), o.name(), o.action(), null)).toList(),
                        c.errors())).toList());
    }

    /** For a viewer: a change under a secret key hides both values (the key is in the path, not in the values). */
    DesiredStatus redacted(Redaction redaction) {
        return new DesiredStatus(name, state, checkedAt, clusters.stream()
                .map(c -> new ClusterStatus(c.cluster(), c.state(), c.objects().stream()
                        .map(o -> new DriftedObject(o.kind(), o.namespace(), o.name(), o.action(),
                                o.changes() == null ? null : o.changes().stream()
                                        .map(x -> SecretRedaction.redact(x, redaction)).toList()))
                        .toList(), c.errors())).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @RegisterForReflection
    public record ClusterStatus(String cluster, String state, List<DriftedObject> objects, List<Problem> errors) {
        public ClusterStatus {
            objects = objects == null ? List.of() : objects;
            errors = errors == null ? List.of() : errors;
        }
    }

    /** {@code action}: what a sync would do to it ({@code create|update|delete}). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @RegisterForReflection
    public record DriftedObject(String kind, String namespace, String name, String action,
            List<io.higress.fleet.resources.FieldChange> changes) {
    }
}
