package io.higress.fleet.resources.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Comparisons of console objects on the fields the facade owns, ignoring those the console adds. */
final class JsonFields {

    private JsonFields() {
    }

    /** Whether {@code current} has every top-level field of {@code desired} with the same value. */
    static boolean containsAll(JsonNode current, JsonNode desired) {
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(current.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
