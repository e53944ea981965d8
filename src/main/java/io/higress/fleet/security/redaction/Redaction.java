package io.higress.fleet.security.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The one redaction service: every path that shows an object, a dump or a message to a caller asks it, with the
 * keys of {@code fleet.redaction.keys}. Admins see everything as it is; everyone else gets {@code "[redacted]"} in
 * place of secrets ({@link JsonNodeRedactor} for JSON, {@link TextRedactor} for free text). The streamed
 * config_dump redactor takes its keys from {@link #keys()}. The audit log redacts always: its file is not a view.
 * <p>
 * Callers decide {@code admin} on the request's thread: the caller is not known on the worker threads that finish
 * a read.
 */
@ApplicationScoped
public class Redaction {

    public static final String REDACTED = SecretKeyMatcher.REDACTED;

    private final SecretKeyMatcher keys;
    private final JsonNodeRedactor json;
    private final TextRedactor text;

    @Inject
    public Redaction(RedactionConfig config) {
        this(new SecretKeyMatcher(config.keys()));
    }

    public Redaction(SecretKeyMatcher keys) {
        this.keys = keys;
        this.json = new JsonNodeRedactor(keys);
        this.text = new TextRedactor(keys);
    }

    /** With the default keys: for code and tests outside CDI. */
    public static Redaction defaults() {
        return new Redaction(SecretKeyMatcher.defaults());
    }

    public SecretKeyMatcher keys() {
        return keys;
    }

    public boolean isSecret(String key) {
        return keys.isSecret(key);
    }

    /** Whether {@code node} (null: nothing) holds a value under a secret key, at any depth. */
    public boolean holdsSecret(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (isSecret(f.getKey()) || holdsSecret(f.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode element : node) { // arrays; nothing for values
            if (holdsSecret(element)) {
                return true;
            }
        }
        return false;
    }

    /** A redacted deep copy. */
    public JsonNode redact(JsonNode node) {
        return json.redact(node);
    }

    /** Free text with the values of secret keys hidden. */
    public String redact(String message) {
        return text.redact(message);
    }

    public JsonNode forCaller(JsonNode node, boolean admin) {
        return admin ? node : redact(node);
    }

    public String forCaller(String message, boolean admin) {
        return admin ? message : redact(message);
    }

    /** Envoy JSON kept as it is (server_info, certs, memory) is redacted; parsed summaries hold no secrets. */
    public Object forCaller(Object data, boolean admin) {
        return !admin && data instanceof JsonNode node ? redact(node) : data;
    }

    /**
     * An Envoy route match with the values of its header and query-parameter matchers on a secret name
     * ({@code x-api-key}, {@code authorization}) hidden: the name is the key, the value sits under {@code exact},
     * {@code prefix}, {@code safe_regex}, ..., where a key-based walk does not look. Flags such as
     * {@code invert_match} stay.
     */
    public JsonNode matchForCaller(JsonNode match, boolean admin) {
        if (admin || match == null || !match.isObject()) {
            return match;
        }
        ObjectNode copy = match.deepCopy();
        for (String list : List.of("headers", "query_parameters")) {
            for (JsonNode matcher : copy.path(list)) {
                if (matcher instanceof ObjectNode m && isSecret(m.path("name").asText())) {
                    hideStrings(m, "name");
                }
            }
        }
        return copy;
    }

    private static void hideStrings(ObjectNode node, String keep) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            JsonNode v = node.get(f);
            if (f.equals(keep)) {
                continue;
            }
            if (v.isTextual()) {
                node.put(f, REDACTED);
            } else if (v instanceof ObjectNode o) {
                hideStrings(o, null);
            }
        }
    }

    /** What a viewer sees in place of a secret value: {@code ["[redacted]"]} for an array. */
    public JsonNode placeholder(JsonNode value) {
        return JsonNodeRedactor.placeholder(value);
    }
}
