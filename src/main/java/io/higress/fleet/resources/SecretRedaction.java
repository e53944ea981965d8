package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.higress.fleet.admin.redact.JsonNodeRedactor;
import io.higress.fleet.admin.redact.SecretKeyMatcher;
import java.util.Arrays;

/**
 * Plugin configurations carry secrets (the brief's {@code api_tokens}). Non-admins see them redacted in reads,
 * exports and the field differences of write answers (which also show the cluster's previous values).
 */
public final class SecretRedaction {
    private static final JsonNodeRedactor REDACTOR = new JsonNodeRedactor();
    private static final SecretKeyMatcher KEYS = SecretKeyMatcher.defaults();

    private SecretRedaction() {
    }

    public static JsonNode redact(JsonNode node) {
        return REDACTOR.redact(node);
    }

    public static WriteAnswer redact(WriteAnswer answer) {
        return new WriteAnswer(answer.results().stream()
                .map(r -> r.changes() == null ? r : r.withChanges(r.changes().stream().map(SecretRedaction::redact).toList()))
                .toList(), answer.summary(), answer.dryRun());
    }

    /** A change under a secret key ({@code /spec/defaultConfig/services/0/api_tokens/0}) hides both values. */
    static FieldChange redact(FieldChange c) {
        boolean secret = Arrays.stream(c.path().split("/")).map(s -> s.replace("~1", "/").replace("~0", "~"))
                .anyMatch(KEYS::isSecret);
        if (secret) {
            JsonNode hidden = TextNode.valueOf(SecretKeyMatcher.REDACTED);
            return new FieldChange(c.path(), c.from() == null ? null : hidden, c.to() == null ? null : hidden);
        }
        return new FieldChange(c.path(), redact(c.from()), redact(c.to()));
    }
}
