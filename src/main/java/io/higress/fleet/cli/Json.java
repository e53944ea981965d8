package io.higress.fleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;

/** JSON and YAML for the command line: reading answers and files, printing them, reading fields leniently. */
final class Json {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private Json() {
    }

    static String pretty(JsonNode node) {
        return write(PRETTY, node).stripTrailing();
    }

    static String yaml(JsonNode node) {
        return write(YAML, node).stripTrailing();
    }

    /** One line: a string as it is, anything else as compact JSON. */
    static String compact(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        return node.isTextual() ? node.asText() : write(JSON, node);
    }

    /** A field for a table cell: "-" when absent, arrays joined with commas, booleans as yes/no. */
    static String cell(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "-";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "yes" : "no";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(cell(n)));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }
        return compact(node);
    }

    /** The elements of an array (none for anything else). */
    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static int integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null ? 0 : value.asInt();
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
