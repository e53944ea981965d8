package io.higress.fleet.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a write did to one object in one cluster. {@code status}: {@code created|updated|unchanged|deleted|error},
 * or {@code unknown} when the write got no answer and reading the object again failed too (it may have been
 * applied; {@code error} says so and how to find out), or {@code partial} when some of the object's stored objects
 * were written and then one failed (a route's move: its new object created, its old one not deleted; {@code error}
 * says what the cluster holds now, {@code changes} what was done, and the same request finishes it); with {@code dryRun=true} the planned action instead:
 * {@code create|update|unchanged|delete} (or {@code error}). {@code changes} lists the field differences (JSON
 * pointers) of a create, update or delete. {@code resavedAfter}: this object was written again after the one it names
 * ({@link Resaves}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record WriteResult(String cluster, String kind, String namespace, String name,
        @Schema(enumeration = {"created", "updated", "unchanged", "deleted", "create", "update", "delete", "error",
                "unknown", "partial"},
                description = "what happened; with dryRun the planned action") String status,
        String resourceVersion, List<FieldChange> changes, Problem error,
        @Schema(description = "set on an object written again because an object it derives from changed (an AI"
                + " route after its provider, as the Higress Console re-saves them): that object, as"
                + " '<kind> <namespace>/<name>'") String resavedAfter) {

    public static final String ERROR = "error";
    public static final String UNKNOWN = "unknown";
    public static final String PARTIAL = "partial";

    static WriteResult failed(String cluster, ObjectRef ref, Problem problem) {
        return new WriteResult(cluster, ref.kind(), ref.namespace(), ref.name(), ERROR, null, null, problem, null);
    }

    /** {@code changes}: those of the parts written before the one whose outcome is unknown. */
    static WriteResult unknown(String cluster, ObjectRef ref, Problem problem, List<FieldChange> changes) {
        return new WriteResult(cluster, ref.kind(), ref.namespace(), ref.name(), UNKNOWN, null, List.copyOf(changes),
                problem, null);
    }

    /** {@code changes}: those of the parts written before the one that failed ({@code problem}). */
    static WriteResult partial(String cluster, ObjectRef ref, Problem problem, List<FieldChange> changes) {
        return new WriteResult(cluster, ref.kind(), ref.namespace(), ref.name(), PARTIAL, null, List.copyOf(changes),
                problem, null);
    }

    static WriteResult of(String cluster, ObjectRef ref, String status, String resourceVersion,
            List<FieldChange> changes) {
        return new WriteResult(cluster, ref.kind(), ref.namespace(), ref.name(), status, resourceVersion, changes,
                null, null);
    }

    /** Failed or unknown: not known to have succeeded. */
    public boolean failed() {
        return error != null;
    }

    public boolean unknown() {
        return UNKNOWN.equals(status);
    }

    /** Partly applied: some of its stored objects written, then one failed. */
    public boolean partial() {
        return PARTIAL.equals(status);
    }

    WriteResult withChanges(List<FieldChange> redacted) {
        return new WriteResult(cluster, kind, namespace, name, status, resourceVersion, redacted, error, resavedAfter);
    }

    WriteResult withError(Problem redacted) {
        return new WriteResult(cluster, kind, namespace, name, status, resourceVersion, changes, redacted, resavedAfter);
    }

    WriteResult resavedAfter(ObjectRef written) {
        return new WriteResult(cluster, kind, namespace, name, status, resourceVersion, changes, error,
                written.toString());
    }
}
