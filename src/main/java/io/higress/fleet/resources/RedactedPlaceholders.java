package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;

/**
 * Non-admins read secrets as {@code "[redacted]"}. Sent back (read-modify-write of a plugin), that placeholder must
 * not replace the secret, nor be guessed into the wrong place:
 * <ul>
 * <li>in a PUT's patch, a placeholder under an object field keeps the current value of that same field;</li>
 * <li>inside an array (arrays replace whole, so entries can move), an entry holding placeholders keeps its current
 * secrets only if it is otherwise exactly the entry at that index now — a reordered, inserted or edited entry
 * must carry its secrets, else 400 naming the field;</li>
 * <li>anywhere else (a POST, manifests, a rollout) there is nothing to keep: 400 naming the field.</li>
 * </ul>
 */
public final class RedactedPlaceholders {

    private RedactedPlaceholders() {
    }

    /** The patch with its placeholders replaced by the values {@code current} has at the same places. */
    static JsonNode restore(JsonNode current, JsonNode patch) {
        JsonNode copy = patch.deepCopy();
        restoreIn(current, copy, "");
        return copy;
    }

    /**
     * The patch without the object fields that are placeholders, for checking its JSON types before the merge: a
     * placeholder stands for the current value, which has the right type (a consumer's redacted {@code credentials},
     * a list of objects, reads as {@code ["[redacted]"]}).
     */
    static JsonNode withoutPlaceholders(JsonNode patch) {
        JsonNode copy = patch.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (isPlaceholder(value)) {
                    it.remove();
                } else {
                    strip(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(RedactedPlaceholders::strip);
        }
    }

    /** A 400 if {@code body} carries a placeholder anywhere. */
    public static void reject(JsonNode body) {
        String at = find(body, "");
        if (at != null) {
            throw cannotKeep(at);
        }
    }

    private static void restoreIn(JsonNode current, JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = join(path, field.getKey());
                JsonNode old = current == null ? null : current.get(field.getKey());
                if (isPlaceholder(field.getValue())) {
                    if (old == null || old.isNull() || find(old, at) != null) {
                        throw cannotKeep(at);
                    }
                    field.setValue(old.deepCopy());
                } else {
                    restoreIn(old, field.getValue(), at);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                String placeholder = find(array.get(i), at);
                if (placeholder == null) {
                    continue;
                }
                JsonNode old = current == null ? null : current.get(i);
                if (old == null || !sameApartFromPlaceholders(array.get(i), old)) {
                    throw cannotKeep(placeholder);
                }
                array.set(i, old.deepCopy());
            }
        }
    }

    /** Equal, where a placeholder in {@code given} matches any present value of {@code old}. */
    private static boolean sameApartFromPlaceholders(JsonNode given, JsonNode old) {
        if (isPlaceholder(given)) {
            return old != null && !old.isNull();
        }
        if (given.isObject() && old.isObject()) {
            if (given.size() != old.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!old.has(f.getKey()) || !sameApartFromPlaceholders(f.getValue(), old.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (given.isArray() && old.isArray()) {
            if (given.size() != old.size()) {
                return false;
            }
            for (int i = 0; i < given.size(); i++) {
                if (!sameApartFromPlaceholders(given.get(i), old.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return given.equals(old);
    }

    /** The path of the first placeholder in {@code node}, or null. */
    private static String find(JsonNode node, String path) {
        if (isPlaceholder(node)) {
            return path.isEmpty() ? "body" : path;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = find(f.getValue(), join(path, f.getKey()));
                if (at != null) {
                    return at;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = find(array.get(i), path + "[" + i + "]");
                if (at != null) {
                    return at;
                }
            }
        }
        return null;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static ProblemException cannotKeep(String at) {
        return new ProblemException(Problem.invalid(at, "\"" + SecretKeyMatcher.REDACTED + "\" is the placeholder "
                + "non-admins read in place of a secret, and there is no value here it can stand for (a new or "
                + "changed entry); send the value"));
    }

    /** {@code "[redacted]"}, or {@code ["[redacted]"]}: a redacted array stays an array. */
    private static boolean isPlaceholder(JsonNode node) {
        if (node != null && node.isArray() && node.size() == 1) {
            node = node.get(0);
        }
        return node != null && node.isTextual() && SecretKeyMatcher.REDACTED.equals(node.asText());
    }
}
