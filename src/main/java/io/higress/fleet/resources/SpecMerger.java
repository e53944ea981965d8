package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.Objects;

/**
 * PUT semantics: the body is a JSON merge patch (RFC 7386) over the existing facade model. Given fields replace,
 * arrays replace whole ({@code {"domain":["new-example.com"]}} sets the domains), nested objects such as plugin
 * {@code config} merge key by key, {@code null} removes. The merged body is bound strictly (unknown fields → 400);
 * {@code name} and {@code namespace} identify the object and cannot change. Validate the result afterwards.
 */
public final class SpecMerger {
    private SpecMerger() {
    }

    public static <T> T merge(T existing, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        JsonNode before = Json.tree(existing);
        JsonNode after = MergePatch.apply(before, patch);
        for (String id : new String[] {"name", "namespace"}) {
            if (patch.has(id) && !Objects.equals(before.get(id), after.get(id))) {
                throw new ProblemException(Problem.invalid(id, "cannot be changed; create a new resource instead"));
            }
        }
        return RequestReader.read(after, type);
    }
}
