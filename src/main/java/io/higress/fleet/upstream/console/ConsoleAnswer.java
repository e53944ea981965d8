package io.higress.fleet.upstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.higress.fleet.upstream.UpstreamException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.util.List;

/** What the console answered: status, raw body, and the cookies it set (the session login's {@code _hi_sess}). */
@RegisterForReflection
record ConsoleAnswer(int status, String body, List<String> setCookies) {

    static final String SESSION_COOKIE = "_hi_sess";

    /** The body as JSON; empty bodies (204, the empty 404) are a missing node. */
    JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return ConsoleJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw UpstreamException.malformed("console answered " + status + " with a body that is not JSON", e);
        }
    }

    /** The {@code _hi_sess} value set by the answer, or null. */
    String sessionCookie() {
        for (String c : setCookies) {
            if (c.startsWith(SESSION_COOKIE + "=")) {
                int end = c.indexOf(';');
                String value = c.substring(SESSION_COOKIE.length() + 1, end < 0 ? c.length() : end);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
