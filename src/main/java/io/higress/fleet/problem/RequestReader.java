package io.higress.fleet.problem;

import com.fasterxml.jackson.core.JsonParser;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
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
            throw new ProblemException(DuplicateKeys.of(e).map(d -> Problem.invalid(List.of(d)))
                    .orElseGet(() -> Problem.invalid("body", "not valid JSON: " + e.getOriginalMessage())));
        }
    }

    /** Binds strictly: every unknown field (not only the first) is a 400 naming it. */
    public static <T> T read(JsonNode body, Class<T> type) {
        Bound<T> bound = bind(body, type);
        Validation.throwIfAny(bound.unknownFields());
        return bound.value();
    }

    /**
     * Binds what can be bound, collecting every unknown field instead of stopping at the first: each is removed
     * from a copy of the body and binding is tried again, so that {@link Bound#validated} can answer one 400 with
     * the unknown fields and the validation errors together. A value of the wrong JSON type still stops binding
     * (there is no value to validate then): its 400 lists the unknown fields found before it too.
     */
    public static <T> Bound<T> bind(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        JsonNode remaining = body;
        List<FieldError> unknown = new ArrayList<>();
        while (true) {
            try {
                return new Bound<>(STRICT.treeToValue(remaining, type), List.copyOf(unknown));
            } catch (UnrecognizedPropertyException e) {
                if (remaining == body) {
                    remaining = body.deepCopy();
                }
                unknown.add(new FieldError(fieldOf(e), messageOf(e)));
                if (!removeAt(remaining, e.getPath()) || unknown.size() > 100) {
                    Validation.throwIfAny(unknown);
                }
            } catch (JsonProcessingException e) {
                unknown.add(new FieldError(fieldOf(e), messageOf(e)));
                throw new ProblemException(Problem.invalid(unknown));
            }
        }
    }

    /** A bound body and the unknown fields left out of it. */
    @RegisterForReflection
    public record Bound<T>(T value, List<FieldError> unknownFields) {
        /**
         * Runs the validation or planning step on the value: its field errors and the unknown fields come back as one
         * 400; with no validation error, unknown fields alone are the 400.
         */
        public <R> R validated(Function<T, R> step) {
            R result;
            try {
                result = step.apply(value);
            } catch (ProblemException e) {
                if (unknownFields.isEmpty()) {
                    throw e;
                }
                List<FieldError> all = new ArrayList<>(unknownFields);
                if (e.problem().status() == 400 && e.problem().errors() != null) {
                    e.problem().errors().stream().filter(FieldError.class::isInstance).map(FieldError.class::cast)
                            .forEach(all::add);
                }
                throw new ProblemException(Problem.invalid(all));
            }
            Validation.throwIfAny(unknownFields);
            return result;
        }
    }

    /** Removes the property a mapping path ends with from {@code tree}; false if the path does not lead there. */
    private static boolean removeAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonMappingException.Reference r = path.get(i);
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
            if (node == null) {
                return false;
            }
        }
        String last = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
        return last != null && node instanceof ObjectNode object && object.remove(last) != null;
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
