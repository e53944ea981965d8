package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.admin.redact.SecretKeyMatcher;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;

/**
 * Non-admins read secrets as {@code "[redacted]"}. Sent back unchanged (read-modify-write of a plugin), that
 * placeholder must not replace the secret: on a PUT it stands for "keep the value at this place", on a POST there is
 * no value to keep, so it is a 400 naming the field.
 */
final class RedactedPlaceholders {

    private RedactedPlaceholders() {
    }

    /** {@code after} with every placeholder replaced by the value {@code before} has at the same place. */
    static JsonNode restore(JsonNode before, JsonNode after) {
        JsonNode copy = after.deepCopy();
        walk(before, copy, "");
        return copy;
    }

    /** A 400 if {@code body} carries a placeholder anywhere. */
    static void reject(JsonNode body) {
        walk(null, body.deepCopy(), "");
    }

    private static void walk(JsonNode before, JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode old = before == null ? null : before.get(field.getKey());
                if (isPlaceholder(field.getValue())) {
                    field.setValue(kept(old, at));
                } else {
                    walk(old, field.getValue(), at);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                JsonNode old = before == null ? null : before.get(i);
                if (isPlaceholder(array.get(i))) {
                    array.set(i, kept(old, at));
                } else {
                    walk(old, array.get(i), at);
                }
            }
        }
    }

    private static JsonNode kept(JsonNode old, String at) {
        if (old == null || old.isNull() || isPlaceholder(old)) {
            throw new ProblemException(Problem.invalid(at, "\"" + SecretKeyMatcher.REDACTED + "\" is the placeholder "
                    + "non-admins read in place of a secret, and there is no value here to keep; send the value"));
        }
        return old.deepCopy();
    }

    private static boolean isPlaceholder(JsonNode node) {
        return node != null && node.isTextual() && SecretKeyMatcher.REDACTED.equals(node.asText());
    }
}
