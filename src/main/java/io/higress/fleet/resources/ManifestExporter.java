package io.higress.fleet.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /api/v1/export}: objects as one multi-document YAML with server-populated metadata stripped
 * ({@link ServerFields}), so that {@link ManifestParser} reads back the same objects. Strings that look like numbers
 * or booleans stay quoted, so {@code "8080"} or {@code "true"} keep their type.
 */
public final class ManifestExporter {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private ManifestExporter() {
    }

    public static String export(List<? extends HasMetadata> objects) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata o : objects) {
            ObjectNode tree = ServerFields.strip((ObjectNode) Json.tree(o));
            try {
                sb.append(YAML.writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }
}
