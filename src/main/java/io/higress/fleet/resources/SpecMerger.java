package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.RequestReader;
import java.util.Objects;

/**
 * PUT semantics: the body is a JSON merge patch (RFC 7386) over the existing facade model. Given fields replace,
 * arrays replace whole ({@code {"domain":["new-example.com"]}} sets the domains), nested objects such as plugin
 * {@code config} merge key by key, {@code null} removes. The merged body is bound strictly (unknown fields → 400);
 * {@code name} and {@code namespace} identify the object and cannot change. Validate the result afterwards.
 * <p>
 * What a GET answered can be sent back: the aggregate's read-only fields ({@link Aggregation#READ_ONLY_FIELDS}) are
 * ignored, and a {@code "[redacted]"} placeholder keeps the secret it stands for ({@link RedactedPlaceholders}).
 */
public final class SpecMerger {
    private SpecMerger() {
    }

    /** The patch without the read-only fields of a GET's answer; a 400 if it is not an object. */
    public static JsonNode writable(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = patch.deepCopy();
        copy.remove(Aggregation.READ_ONLY_FIELDS);
        return copy;
    }

    public static <T> T merge(T existing, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        JsonNode before = Json.tree(existing);
        JsonNode writable = writable(patch);
        JsonNode after = MergePatch.apply(before, RedactedPlaceholders.restore(before, writable));
        for (String id : new String[] {"name", "namespace"}) {
            if (writable.has(id) && !Objects.equals(before.get(id), after.get(id))) {
                throw new ProblemException(Problem.invalid(id, "cannot be changed; create a new resource instead"));
            }
        }
        return RequestReader.read(after, type);
    }
}
