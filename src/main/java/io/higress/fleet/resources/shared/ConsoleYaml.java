package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * YAML as the console's MCP code reads and writes it (McpServerConfigMapHelper.YAML, OpenApiSaveStrategy.YAML_MAPPER:
 * literal block style, no document start marker, unknown properties ignored): the {@code mcp-server} plugin's
 * {@code rawConfigurations} and the {@code higress} key of {@code higress-config}.
 */
public final class ConsoleYaml {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ConsoleYaml() {
    }

    /** The YAML mapping as a tree, or null when it is none. */
    public static ObjectNode parse(String yaml) {
        try {
            return YAML.readTree(yaml) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The YAML mapping as the console's maps hold it (LinkedHashMaps), or null when it is none. */
    public static Map<String, Object> map(String yaml) {
        try {
            return yaml == null || yaml.isBlank() ? null : YAML.readValue(yaml, MAP);
        } catch (IOException e) {
            return null;
        }
    }

    public static String write(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a configuration reads back as: its YAML, trimmed (generateRawConfigurations). */
    public static String of(JsonNode config) {
        return write(config).trim();
    }
}
