package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Values under secret keys ({@code api_tokens}, {@code password}, ...) hidden in what fleetctl prints for people and
 * CI logs: the facade shows admins the real values in a plan's changes, and a CI log is readable by many. The keys are
 * the facade's defaults (docs/fleet-reads.md), compared without case, {@code _} or {@code -}.
 */
final class Secrets {
    static final String REDACTED = "[redacted]";
    private static final Set<String> KEYS = Set.of("apitokens", "password", "secret", "token", "privatekey",
            "accesskey", "secretkey", "authorization", "credentials");

    private Secrets() {
    }

    static boolean isSecret(String key) {
        return KEYS.contains(key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    }

    /** A change at a JSON pointer: hidden whole when the pointer passes a secret key, else its secrets inside. */
    static JsonNode at(String pointer, JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        boolean secret = Arrays.stream(pointer.split("/")).map(s -> s.replace("~1", "/").replace("~0", "~"))
                .anyMatch(Secrets::isSecret);
        return secret ? TextNode.valueOf(REDACTED) : redact(value);
    }

    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                boolean hide = isSecret(e.getKey()) && !e.getValue().isNull();
                copy.set(e.getKey(), hide ? TextNode.valueOf(REDACTED) : redact(e.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(n -> copy.add(redact(n)));
            return copy;
        }
        return node;
    }
}
