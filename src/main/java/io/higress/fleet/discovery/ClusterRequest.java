package io.higress.fleet.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.ClusterCredentials;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of POST and PUT /api/v1/clusters: a fleet file's {@code fleet.clusters.<name>} block as JSON (the same
 * keys, docs/api.md), with the cluster's {@code name}, a PUT's {@code resourceVersion} and {@code credentials}
 * that a registered cluster carries instead of files. Only {@link #parts} reads it; the record is its schema.
 */
@Schema(name = "ClusterRequest", description = "a fleet file's cluster block as JSON (docs/api.md#clusters), "
        + "with name, resourceVersion (PUT) and credentials (never answered)")
@RegisterForReflection
public record ClusterRequest(
        @Schema(required = true, description = "DNS-1123 label; on PUT, the path's (or left out)") String name,
        @Schema(description = "PUT: the resourceVersion last read; a stale one is a 409") String resourceVersion,
        Map<String, String> labels,
        @Schema(description = "context, master-url, in-cluster, trust-certs") Map<String, Object> kubernetes,
        @Schema(description = "namespace, selector, admin-mode, admin-port, direct") Map<String, Object> gateways,
        @Schema(enumeration = {"kubernetes", "console"}) String management,
        @Schema(description = "url, username") Map<String, Object> console,
        @Schema(description = "guard overrides per upstream kind, as fleet.upstreams") Map<String, Object> upstreams,
        Credentials credentials) {

    @Schema(name = "ClusterCredentials", description = "write-only: kept in the cluster's Secret, never answered, "
            + "logged or exported; on PUT, what is left out is kept")
    @RegisterForReflection
    public record Credentials(String kubeconfig, String token,
            @Schema(description = "the API server's CA, PEM") String ca,
            @JsonProperty("console-password") String consolePassword) {
    }

    /** The request split into what is stored where, and the mistakes found so far (the definition's come next). */
    @RegisterForReflection
    record Parts(String name, String resourceVersion, JsonNode definition, ClusterCredentials credentials,
            List<FieldError> errors) {
    }

    /** {@code pathName}: a PUT's cluster (the body's name must match it or be left out); null for a POST. */
    static Parts parts(JsonNode body, String pathName) {
        if (body == null || !body.isObject()) {
            throw new io.higress.fleet.problem.ProblemException(Problem.invalid("body", "must be a JSON object"));
        }
        ObjectNode definition = body.deepCopy();
        List<FieldError> errors = new ArrayList<>();
        String name = text(definition.remove("name"), "name", errors);
        String resourceVersion = text(definition.remove("resourceVersion"), "resourceVersion", errors);
        if (pathName == null && name == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (pathName != null) {
            if (name != null && !name.equals(pathName)) {
                errors.add(new FieldError("name", "'" + name + "' is not the path's cluster '" + pathName
                        + "' (a cluster is not renamed: register the new name, then remove the old one)"));
            }
            if (resourceVersion == null) {
                errors.add(new FieldError("resourceVersion", "is required: the one GET /api/v1/clusters/" + pathName
                        + " shows"));
            }
            name = pathName;
        } else if (resourceVersion != null) {
            errors.add(new FieldError("resourceVersion", "is only for PUT"));
        }
        ClusterCredentials credentials = credentials(definition.remove("credentials"), errors);
        return new Parts(name == null ? "" : name, resourceVersion, definition, credentials, List.copyOf(errors));
    }

    private static ClusterCredentials credentials(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return ClusterCredentials.NONE;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("credentials", "must be an object of kubeconfig, token, ca, console-password"));
            return ClusterCredentials.NONE;
        }
        List<String> known = ClusterCredentials.KEYS;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                errors.add(new FieldError("credentials." + key, "unknown credential; known: "
                        + String.join(", ", known)));
            }
        }
        Map<String, String> byKey = new java.util.HashMap<>();
        for (String key : known) {
            String value = text(node.get(key), "credentials." + key, errors);
            if (value != null && value.isBlank()) {
                errors.add(new FieldError("credentials." + key, "is empty"));
            }
            byKey.put(key, value);
        }
        return ClusterCredentials.of(byKey);
    }

    /** A string field; another JSON type is named, without repeating its value (it may be a credential). */
    private static String text(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.asText();
    }
}
