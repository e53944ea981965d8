package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Redacts JSON carried inside a JSON string, as Istio/Higress do for Wasm plugin configurations
 * ({@code {"@type":"type.googleapis.com/google.protobuf.StringValue","value":"{\"api_tokens\":[...]}"}}).
 * Only strings that look like a JSON object or array are parsed; strings that do not parse, or hold no secret key,
 * are left exactly as they were.
 */
final class EmbeddedJsonRedactor {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNodeRedactor redactor;
    private final int maxLength;

    EmbeddedJsonRedactor(SecretKeyMatcher matcher, int maxLength) {
        this.redactor = new JsonNodeRedactor(matcher);
        this.maxLength = maxLength;
    }

    /** The redacted JSON text, or null when the string is to be kept as it is. */
    String redactIfEmbeddedJson(char[] chars, int offset, int length) {
        if (length < 2 || length > maxLength || !looksLikeJson(chars, offset, length)) {
            return null;
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(new String(chars, offset, length));
        } catch (JsonProcessingException e) {
            return null;
        }
        JsonNode redacted = redactor.redact(tree);
        if (redacted.equals(tree)) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(redacted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a tree Jackson just parsed", e);
        }
    }

    private static boolean looksLikeJson(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length - 1;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end])) {
            end--;
        }
        return (chars[start] == '{' && chars[end] == '}') || (chars[start] == '[' && chars[end] == ']');
    }
}
