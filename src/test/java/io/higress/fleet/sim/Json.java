package io.higress.fleet.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.Map;

/** Terse builders for the Jackson trees the simulator answers with. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** An object from alternating keys and values; null values are omitted, like proto3 JSON omits defaults. */
    static ObjectNode obj(Object... keysAndValues) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                node.set((String) keysAndValues[i], node(value));
            }
        }
        return node;
    }

    static ArrayNode arr(Object... items) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Object item : items) {
            array.add(node(item));
        }
        return array;
    }

    static ArrayNode arrOf(Collection<?> items) {
        return arr(items.toArray());
    }

    static JsonNode node(Object value) {
        if (value instanceof JsonNode json) {
            return json;
        }
        if (value instanceof Collection<?> list) {
            return arrOf(list);
        }
        if (value instanceof Map<?, ?> || value instanceof Record) {
            return MAPPER.valueToTree(value);
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        var f = MAPPER.getNodeFactory();
        if (value instanceof String s) {
            return f.textNode(s);
        } else if (value instanceof Integer n) {
            return f.numberNode(n);
        } else if (value instanceof Long n) {
            return f.numberNode(n);
        } else if (value instanceof Double n) {
            return f.numberNode(n);
        } else if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    static Buffer bytes(JsonNode node) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
