package io.higress.fleet.upstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.upstream.UpstreamException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's two answer shapes: GETs wrap the object in {@code {"success","message","data"}} (lists add
 * {@code total/pageNum/pageSize}), while POST/PUT answer the raw object. Both are read here, by shape, so a console
 * that changes one endpoint's shape keeps working.
 */
final class ConsoleEnvelope {

    /** One page of a list: its items and the console's {@code total} (null when it gave none). */
    @RegisterForReflection
    record Page(List<JsonNode> items, Long total) {
    }

    private ConsoleEnvelope() {
    }

    static boolean isEnvelope(JsonNode body) {
        return body.isObject() && body.has("success") && body.get("success").isBoolean();
    }

    /** The object inside an envelope, or the raw object. */
    static JsonNode data(JsonNode body) {
        return isEnvelope(body) ? body.path("data") : body;
    }

    static Page page(JsonNode body) {
        JsonNode data = data(body);
        if (!data.isArray()) {
            throw UpstreamException.malformed("console list answer has no data array", null);
        }
        List<JsonNode> items = new ArrayList<>(data.size());
        data.forEach(items::add);
        JsonNode total = body.path("total");
        return new Page(items, total.canConvertToLong() && total.isNumber() ? total.asLong() : null);
    }

    /**
     * The console's error text, without the Java exception class it prefixes ({@code "a.b.ValidationException: x"}
     * becomes {@code "x"}); null when the body is not the console's error shape.
     */
    static String errorMessage(JsonNode body) {
        if (!isEnvelope(body) || body.get("success").asBoolean()) {
            return null;
        }
        String m = body.path("message").isTextual() ? body.get("message").asText() : "";
        return m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }
}
