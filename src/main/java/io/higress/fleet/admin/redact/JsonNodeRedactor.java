package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/** Redacts small in-memory JSON (plugin configurations) with the same key rules as {@link ConfigDumpRedactor}. */
public final class JsonNodeRedactor {

    private final SecretKeyMatcher matcher;

    public JsonNodeRedactor(SecretKeyMatcher matcher) {
        this.matcher = matcher;
    }

    public JsonNodeRedactor() {
        this(SecretKeyMatcher.defaults());
    }

    /** A redacted deep copy; the input is not modified. */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), matcher.isSecret(field.getKey())
                        ? TextNode.valueOf(SecretKeyMatcher.REDACTED)
                        : redact(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                copy.add(redact(element));
            }
            return copy;
        }
        return node;
    }
}
