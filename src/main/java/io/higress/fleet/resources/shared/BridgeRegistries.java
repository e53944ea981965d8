package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import java.util.List;

/**
 * The registries of the McpBridge {@code default}, the one the Higress controller reads, as the console's
 * ServiceSourceService writes a service source into it (KubernetesModelConverter.addV1McpBridgeRegistry): a
 * registry found by name gets the source's {@code domain, type, port, name, protocol, sni, proxyName, vport}
 * (unset ones removed) and keeps its other fields; a new one is appended; the bridge is created with empty
 * {@code registries} and {@code proxies} when there is none.
 */
public final class BridgeRegistries {
    public static final KubernetesType MCP_BRIDGE = new KubernetesType("networking.higress.io/v1", "McpBridge",
            "mcpbridges");
    public static final String DEFAULT = "default";
    private static final List<String> SOURCE_FIELDS = List.of("domain", "type", "port", "name", "protocol", "sni",
            "proxyName", "vport");

    private BridgeRegistries() {
    }

    public static ObjectAddress address(String namespace) {
        return MCP_BRIDGE.address(namespace, DEFAULT);
    }

    /** The bridge of the workspace, created there if the namespace has none. */
    public static ObjectNode bridge(Workspace w, String namespace) {
        ObjectAddress a = address(namespace);
        ObjectNode bridge = w.edit(a);
        if (bridge != null) {
            return bridge;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", MCP_BRIDGE.apiVersion()).put("kind", MCP_BRIDGE.kind());
        o.putObject("metadata").put("name", DEFAULT).put("namespace", namespace);
        ObjectNode spec = o.putObject("spec");
        spec.putArray("registries");
        spec.putArray("proxies");
        return w.put(a, o);
    }

    /** Writes a service source ({@code name, type, domain, port, protocol, proxyName, ...}) as a registry. */
    public static void upsert(ObjectNode bridge, ObjectNode source) {
        ArrayNode registries = registries(bridge);
        ObjectNode existing = find(bridge, source.path("name").asText());
        ObjectNode target = existing != null ? existing : registries.addObject();
        SOURCE_FIELDS.forEach(target::remove);
        for (String f : SOURCE_FIELDS) {
            JsonNode v = source.get(f);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) {
                target.set(f, v);
            }
        }
    }

    /** Removes the registries of that name; whether there was one. */
    public static boolean remove(ObjectNode bridge, String name) {
        ArrayNode registries = registries(bridge);
        boolean removed = false;
        for (int i = registries.size() - 1; i >= 0; i--) {
            if (name.equals(registries.get(i).path("name").asText(null))) {
                registries.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** The registry of that name, or null. */
    public static ObjectNode find(JsonNode bridge, String name) {
        for (JsonNode r : bridge.path("spec").path("registries")) {
            if (name.equals(r.path("name").asText(null)) && r instanceof ObjectNode o) {
                return o;
            }
        }
        return null;
    }

    private static ArrayNode registries(ObjectNode bridge) {
        ObjectNode spec = bridge.get("spec") instanceof ObjectNode s ? s : bridge.putObject("spec");
        return spec.get("registries") instanceof ArrayNode a ? a : spec.putArray("registries");
    }
}
