package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The part of Envoy's {@code /server_info} a health dashboard needs.
 *
 * @param version       the full build string, e.g. {@code sha/1.37.2/Clean/RELEASE/BoringSSL}
 * @param envoyVersion  the second segment of it, e.g. {@code 1.37.2}; null if the string has no such segment
 * @param state         {@code LIVE}, {@code DRAINING}, {@code PRE_INITIALIZING} or {@code INITIALIZING}
 * @param uptimeSeconds {@code uptime_current_epoch} in whole seconds; null if absent
 * @param nodeId        {@code node.id}, or {@code command_line_options.service_node} for old Envoys
 * @param nodeCluster   {@code node.cluster}, or {@code command_line_options.service_cluster}
 */
@RegisterForReflection
public record ServerInfo(String version, String envoyVersion, String state, Long uptimeSeconds, String nodeId,
        String nodeCluster) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ServerInfo parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw MalformedAdminResponseException.invalidJson("/server_info", e);
        }
        return from(root);
    }

    public static ServerInfo from(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("version").isTextual() || !root.path("state").isTextual()) {
            throw new MalformedAdminResponseException("/server_info: expected an object with 'version' and 'state'");
        }
        String version = root.get("version").asText();
        JsonNode node = root.path("node");
        JsonNode options = root.path("command_line_options");
        return new ServerInfo(version, envoyVersion(version), root.get("state").asText(),
                DurationText.seconds(text(root.path("uptime_current_epoch"))),
                firstNonEmpty(text(node.path("id")), text(options.path("service_node"))),
                firstNonEmpty(text(node.path("cluster")), text(options.path("service_cluster"))));
    }

    /** {@code "dc76.../1.15.0-dev/Modified/RELEASE/BoringSSL"} → {@code "1.15.0-dev"}. */
    static String envoyVersion(String version) {
        String[] parts = version.split("/");
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : null;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : (b != null && !b.isEmpty() ? b : null);
    }
}
