package io.higress.fleet.security.redaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Redacts in-memory JSON: the value of every secret key ({@link SecretKeyMatcher}) becomes {@code "[redacted]"}
 * ({@code ["[redacted]"]} for an array, so the body keeps its schema).
 * <p>
 * JSON carried inside a string (Istio/Higress hand Wasm plugin configurations to Envoy as a
 * {@code google.protobuf.StringValue} holding JSON text; plugin fields such as jwt-auth's {@code jwks} hold JSON
 * too) is redacted as well, and fails <b>closed</b>: a string that looks like a JSON object or array but is larger
 * than {@link #MAX_EMBEDDED_LENGTH} chars, nested deeper than {@link #MAX_EMBEDDED_DEPTH}, holds several documents or
 * duplicate keys, or does not parse, is replaced whole by {@code "[redacted]"}: it cannot be shown to hold no
 * secret. A string of several lines that is no JSON (a YAML document: a ConfigMap's {@code higress} key, an MCP
 * server's {@code rawConfigurations}) has the values of its secret keys hidden as in free text ({@link TextRedactor}:
 * {@code dsn: "[redacted]"}). With no secret keys (admins) strings are never parsed.
 */
public final class JsonNodeRedactor {

    public static final int MAX_EMBEDDED_LENGTH = 1024 * 1024;
    public static final int MAX_EMBEDDED_DEPTH = 64;

    private static final ObjectMapper EMBEDDED = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_EMBEDDED_DEPTH).maxStringLength(MAX_EMBEDDED_LENGTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SecretKeyMatcher matcher;
    private final TextRedactor lines;

    public JsonNodeRedactor(SecretKeyMatcher matcher) {
        this.matcher = matcher;
        this.lines = new TextRedactor(matcher);
    }

    public JsonNodeRedactor() {
        this(SecretKeyMatcher.defaults());
    }

    public SecretKeyMatcher keys() {
        return matcher;
    }

    /** A redacted deep copy; the input is not modified. */
    public JsonNode redact(JsonNode node) {
        if (node == null || matcher.isEmpty()) {
            return node == null ? null : node.deepCopy();
        }
        return copy(node);
    }

    /** What a viewer sees instead of the value of a secret key. */
    public static JsonNode placeholder(JsonNode value) {
        TextNode redacted = TextNode.valueOf(SecretKeyMatcher.REDACTED);
        return value != null && value.isArray() ? JsonNodeFactory.instance.arrayNode(1).add(redacted) : redacted;
    }

    /**
     * The text to show instead of a string value, or null to show it as it is: its redacted form when it is JSON
     * holding secrets, {@code "[redacted]"} when it looks like JSON that cannot be checked.
     */
    public String embedded(CharSequence text) {
        if (matcher.isEmpty()) {
            return null;
        }
        if (!looksLikeJson(text)) {
            return severalLines(text) ? lines(text) : null;
        }
        if (text.length() > MAX_EMBEDDED_LENGTH) {
            return SecretKeyMatcher.REDACTED;
        }
        JsonNode tree;
        try {
            tree = EMBEDDED.readTree(text.toString());
        } catch (Exception e) { // unparsable, too deep, several documents, duplicate keys
            return SecretKeyMatcher.REDACTED;
        }
        JsonNode redacted = copy(tree);
        if (redacted.equals(tree)) {
            return null;
        }
        return redacted.toString();
    }

    private JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), matcher.isSecret(field.getKey()) ? placeholder(field.getValue())
                        : copy(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                copy.add(copy(element));
            }
            return copy;
        }
        if (node.isTextual()) {
            String replaced = embedded(node.textValue());
            return replaced == null ? node : TextNode.valueOf(replaced);
        }
        return node;
    }

    /** A YAML document's secret values hidden, or null when it shows none. */
    private String lines(CharSequence text) {
        if (text.length() > MAX_EMBEDDED_LENGTH) {
            return SecretKeyMatcher.REDACTED;
        }
        String s = text.toString();
        String redacted = lines.redact(s);
        return redacted.equals(s) ? null : redacted;
    }

    private static boolean severalLines(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeJson(CharSequence s) {
        int start = 0;
        int end = s.length() - 1;
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end))) {
            end--;
        }
        if (end - start < 1 || SecretKeyMatcher.REDACTED.contentEquals(s)) {
            return false;
        }
        char first = s.charAt(start);
        char last = s.charAt(end);
        return (first == '{' && last == '}') || (first == '[' && last == ']');
    }
}
