package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The registries of the McpBridge {@code default}, the one the Higress controller reads, as the console's
 * ServiceSourceService writes a service source into it (KubernetesModelConverter.addV1McpBridgeRegistry): a
 * registry found by name gets the source's {@code domain, type, port, name, protocol, sni, proxyName, vport}
 * (unset ones removed) and keeps its other fields; a new one is appended; the bridge is created with empty
 * {@code registries} and {@code proxies} when there is none. Its proxy servers ({@code spec.proxies}) as the
 * console's ProxyServerService writes them (addV1McpBridgeProxy).
 */
public final class BridgeRegistries {
    public static final KubernetesType MCP_BRIDGE = new KubernetesType("networking.higress.io/v1", "McpBridge",
            "mcpbridges");
    public static final String DEFAULT = "default";
    private static final List<String> SOURCE_FIELDS = List.of("domain", "type", "port", "name", "protocol", "sni",
            "proxyName", "vport");

    private static final Pattern PROXY_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");
    private static final List<String> PROXY_FIELDS = List.of("type", "name", "serverAddress", "serverPort",
            "connectTimeout");

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

    /** A proxy server name as the console's ProxyServer accepts it. */
    public static boolean isProxyName(String name) {
        return name != null && PROXY_NAME.matcher(name).matches();
    }

    /** The bridge's registries (objects only), in order. */
    public static List<ObjectNode> registryList(JsonNode bridge) {
        return objects(bridge.path("spec").path("registries"));
    }

    /** The bridge's proxy servers (objects only), in order. */
    public static List<ObjectNode> proxyList(JsonNode bridge) {
        return objects(bridge.path("spec").path("proxies"));
    }

    /** The proxy server of that name, or null. */
    public static ObjectNode findProxy(JsonNode bridge, String name) {
        return proxyList(bridge).stream().filter(p -> name.equals(p.path("name").asText(null))).findFirst()
                .orElse(null);
    }

    /**
     * Writes a proxy server ({@code type, name, serverAddress, serverPort, connectTimeout}): one found by name gets
     * those (unset ones removed) and keeps its other fields ({@code listenerPort}); a new one is appended.
     */
    public static void upsertProxy(ObjectNode bridge, ObjectNode proxy) {
        ObjectNode existing = findProxy(bridge, proxy.path("name").asText());
        ObjectNode target = existing != null ? existing : proxies(bridge).addObject();
        PROXY_FIELDS.forEach(target::remove);
        for (String f : PROXY_FIELDS) {
            JsonNode v = proxy.get(f);
            if (v != null && !v.isNull()) {
                target.set(f, v);
            }
        }
    }

    /** Removes the proxy servers of that name; whether there was one. */
    public static boolean removeProxy(ObjectNode bridge, String name) {
        ArrayNode proxies = proxies(bridge);
        boolean removed = false;
        for (int i = proxies.size() - 1; i >= 0; i--) {
            if (name.equals(proxies.get(i).path("name").asText(null))) {
                proxies.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    private static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>();
        array.forEach(n -> {
            if (n instanceof ObjectNode o) {
                out.add(o);
            }
        });
        return out;
    }

    private static ArrayNode proxies(ObjectNode bridge) {
        ObjectNode spec = bridge.get("spec") instanceof ObjectNode s ? s : bridge.putObject("spec");
        return spec.get("proxies") instanceof ArrayNode a ? a : spec.putArray("proxies");
    }

    private static ArrayNode registries(ObjectNode bridge) {
        ObjectNode spec = bridge.get("spec") instanceof ObjectNode s ? s : bridge.putObject("spec");
        return spec.get("registries") instanceof ArrayNode a ? a : spec.putArray("registries");
    }
}
