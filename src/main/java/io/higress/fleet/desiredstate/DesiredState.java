package io.higress.fleet.desiredstate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored set: {@code manifests} as sent (a YAML string of documents, or a JSON list of objects), the targeting
 * ({@code clusters} and/or {@code selector}, like the query parameters of every write) and the namespace scope that
 * prune looks in ({@code namespaces}; default: the configured resources namespace).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(name = "DesiredState")
public record DesiredState(String name, List<String> clusters, String selector, List<String> namespaces,
        @Schema(description = "multi-document YAML (a string) or a JSON list of Kubernetes objects")
        JsonNode manifests, String updatedBy, String updatedAt) {
}
