package io.higress.fleet.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;

/**
 * Binds request bodies strictly: an unknown field is a 400 naming it (a typo such as {@code servicePorts} must not be
 * silently dropped and then "succeed" with a default), and so is a value of the wrong JSON type ({@code "8080"} for a
 * port, {@code 1.5} for a priority).
 */
public final class RequestReader {
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private RequestReader() {
    }

    public static <T> T read(String json, Class<T> type) {
        return read(tree(json), type);
    }

    /** The body as a tree (a PUT's merge patch), or a 400 when it is not JSON. */
    public static JsonNode tree(String json) {
        try {
            JsonNode tree = STRICT.readTree(json == null ? "" : json);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.invalid("body", "not valid JSON: " + e.getOriginalMessage()));
        }
    }

    public static <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        try {
            return STRICT.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.invalid(fieldOf(e), messageOf(e)));
        }
    }

    static String fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "body";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String messageOf(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException f) {
            return "invalid value " + f.getValue() + " for type " + simple(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return "wrong JSON type, expected " + simple(m.getTargetType());
        }
        return "invalid value";
    }

    private static String simple(Class<?> t) {
        if (t == null) {
            return "another type";
        }
        if (t == Integer.class || t == int.class || t == Long.class) {
            return "an integer";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "a boolean";
        }
        if (t == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }
}
