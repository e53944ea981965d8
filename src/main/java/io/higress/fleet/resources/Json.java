package io.higress.fleet.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/** The package's plain mapper (lenient, nulls omitted) for converting between models, maps and trees. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /** Independent copy of a JSON-like map so callers' later edits don't leak into built objects. */
    public static Map<String, Object> deepCopy(Map<?, ?> m) {
        return MAPPER.convertValue(m, new TypeReference<Map<String, Object>>() {
        });
    }

    public static JsonNode tree(Object o) {
        return MAPPER.valueToTree(o);
    }
}
