package io.higress.fleet.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.FieldChange;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.security.redaction.Redaction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A revision never holds a secret in clear text: its stored objects are redacted before they are stored, by the one
 * redaction service ({@code fleet.redaction.keys}), and a Kubernetes Secret's {@code data}/{@code stringData}
 * values (a certificate's private key) are hidden whole, whatever their keys. A restore therefore cannot put back
 * a secret value: {@link #filled} keeps the value the cluster holds now wherever the revision shows a redacted one;
 * where the cluster holds none (the object, or that entry, is gone) the restore is refused naming the field
 * ({@link #redactedFields}).
 */
final class SecretFields {
    private static final String REDACTED = Redaction.REDACTED;

    private final Redaction redaction;

    SecretFields(Redaction redaction) {
        this.redaction = redaction;
    }

    List<StoredObject> redacted(List<StoredObject> objects) {
        return objects.stream().map(this::redacted).toList();
    }

    StoredObject redacted(StoredObject o) {
        return new StoredObject(o.address(), redactedBody(o.body()), o.version());
    }

    JsonNode redacted(JsonNode node) {
        return node == null ? null : redaction.redact(node);
    }

    private ObjectNode redactedBody(ObjectNode body) {
        if (body == null) {
            return null;
        }
        ObjectNode out = (ObjectNode) redaction.redact(body);
        if (isSecret(body)) {
            for (String field : List.of("data", "stringData")) {
                if (out.get(field) instanceof ObjectNode values) {
                    List<String> keys = new ArrayList<>();
                    values.fieldNames().forEachRemaining(keys::add);
                    keys.forEach(k -> values.put(k, REDACTED));
                }
            }
        }
        return out;
    }

    private static boolean isSecret(JsonNode body) {
        return "Secret".equals(body.path("kind").asText()) && "v1".equals(body.path("apiVersion").asText());
    }

    /**
     * A field difference with its secrets hidden: under a secret key (or in a Secret's data) both values become
     * placeholders, a change remaining visible as a change; elsewhere the values are redacted.
     */
    FieldChange redacted(FieldChange c, boolean secretObject) {
        String[] segments = c.path().split("/");
        boolean secret = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i].replace("~1", "/").replace("~0", "~");
            if (redaction.isSecret(s) || secretObject && (s.equals("data") || s.equals("stringData"))) {
                secret = true;
                break;
            }
        }
        if (secret) {
            return new FieldChange(c.path(), c.from() == null ? null : redaction.placeholder(c.from()),
                    c.to() == null ? null : redaction.placeholder(c.to()));
        }
        return new FieldChange(c.path(), redaction.redact(c.from()), redaction.redact(c.to()));
    }

    static boolean secretObject(StoredObject o) {
        return o != null && o.body() != null && isSecret(o.body());
    }

    /**
     * The revision's objects with each redacted value replaced by the value at the same place in the cluster's
     * current copy of that object ({@code current}), where it has one; the others stay redacted.
     */
    List<StoredObject> filled(List<StoredObject> revision, List<StoredObject> current) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject o : revision) {
            StoredObject now = current.stream().filter(c -> same(c.address(), o.address())).findFirst().orElse(null);
            ObjectNode body = now == null || now.body() == null ? o.body() : (ObjectNode) fill(o.body(), now.body());
            out.add(new StoredObject(o.address(), body, o.version()));
        }
        return out;
    }

    private static boolean same(ObjectAddress a, ObjectAddress b) {
        return a.equals(b);
    }

    private JsonNode fill(JsonNode was, JsonNode now) {
        if (now == null) {
            return was;
        }
        if (redactedValue(was)) {
            return now;
        }
        if (was.isTextual() && was.textValue().contains(REDACTED) && now.isTextual()) {
            // JSON or YAML in a string with secrets hidden inside: the cluster's text if it differs in its secrets
            // only; otherwise it stays redacted, and the restore is refused naming it (redactedFields)
            return redaction.redact(now).equals(was) ? now : was;
        }
        if (was instanceof ObjectNode o && now.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                copy.set(f.getKey(), fill(f.getValue(), now.get(f.getKey())));
            }
            return copy;
        }
        if (was instanceof ArrayNode a && now.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < a.size(); i++) {
                copy.add(fill(a.get(i), counterpart(a.get(i), (ArrayNode) now, i)));
            }
            return copy;
        }
        return was;
    }

    /** The keys that name an entry in a list: a consumer's {@code name}, an AI provider's {@code id}. */
    private static final List<String> IDENTITIES = List.of("name", "id");

    /**
     * An element's counterpart now: for an entry with a name (or id), the entry of that name, never another's (its
     * secrets are not this one's); else the element at the same position.
     */
    private static JsonNode counterpart(JsonNode element, ArrayNode now, int i) {
        if (element.isObject()) {
            for (String key : IDENTITIES) {
                JsonNode id = element.get(key);
                if (id != null && id.isValueNode()) {
                    for (JsonNode n : now) {
                        if (id.equals(n.get(key))) {
                            return n;
                        }
                    }
                    return null;
                }
            }
        }
        return i < now.size() ? now.get(i) : null;
    }

    private static boolean redactedValue(JsonNode n) {
        return n != null && (n.isTextual() && REDACTED.equals(n.textValue())
                || n.isArray() && n.size() == 1 && n.get(0).isTextual() && REDACTED.equals(n.get(0).textValue()));
    }

    /**
     * Where a body still holds a redacted value (JSON pointers): what a restore cannot put back. A string whose
     * secrets were hidden inside it counts too.
     */
    static List<String> redactedFields(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect("", node, out);
        return out;
    }

    private static void collect(String at, JsonNode n, List<String> out) {
        if (n == null) {
            return;
        }
        if (n.isTextual()) {
            if (n.textValue().contains(REDACTED)) {
                out.add(at.isEmpty() ? "/" : at);
            }
        } else if (n.isObject()) {
            n.fields().forEachRemaining(f -> collect(at + "/" + f.getKey().replace("~", "~0").replace("/", "~1"),
                    f.getValue(), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(at + "/" + i, n.get(i), out);
            }
        }
    }
}
