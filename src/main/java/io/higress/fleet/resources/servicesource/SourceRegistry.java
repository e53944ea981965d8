package io.higress.fleet.resources.servicesource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.shared.BridgeRegistries;
import java.util.ArrayList;
import java.util.List;

/**
 * A service source ⇄ its registry in the McpBridge {@code default}, as the console's KubernetesModelConverter
 * writes it (addV1McpBridgeRegistry, fillV1RegistryConfig): the common fields through {@link BridgeRegistries}, then
 * the type's fields with the console's defaults ({@code nacosNamespaceId: ""}, {@code nacosGroups: []},
 * {@code zkServicesPath: []}, {@code consulServiceTag: ""}, nacos3's {@code enableMCPServer: false,
 * mcpServerBaseUrl: "", mcpServerExportDomains: []} unless set). What the facade does not model (other Higress
 * fields, the MCP settings) is kept; an unset modelled field is removed. Reads answer those defaults as absent.
 */
final class SourceRegistry {
    private static final List<String> MODELLED = List.of("nacosNamespaceId", "nacosGroups", "nacosAddressServer",
            "nacosAccessKey", "nacosSecretKey", "zkServicesPath", "consulDatacenter", "consulServiceTag",
            "consulRefreshInterval", "authSecretName");

    private SourceRegistry() {
    }

    /** Writes the source into the bridge (found by name, else appended). Input must have passed the validator. */
    static void write(ObjectNode bridge, ServiceSourceSpec s) {
        ObjectNode common = Json.MAPPER.createObjectNode();
        common.put("name", s.name()).put("type", s.type()).put("domain", s.domain()).put("port", s.port());
        common.put("protocol", s.protocol()).put("sni", s.sni()).put("proxyName", s.proxyName());
        if (s.vport() != null) {
            common.set("vport", Json.tree(s.vport()));
        }
        BridgeRegistries.upsert(bridge, common);
        ObjectNode r = BridgeRegistries.find(bridge, s.name());
        MODELLED.forEach(r::remove);
        RegistryType type = RegistryType.of(s.type());
        if (type.nacos()) {
            r.put("nacosNamespaceId", s.nacosNamespaceId() == null ? "" : s.nacosNamespaceId());
            strings(r.putArray("nacosGroups"), s.nacosGroups());
            putIfSet(r, "nacosAddressServer", s.nacosAddressServer());
            putIfSet(r, "nacosAccessKey", s.nacosAccessKey());
            putIfSet(r, "nacosSecretKey", s.nacosSecretKey());
        } else if (type == RegistryType.ZOOKEEPER) {
            strings(r.putArray("zkServicesPath"), s.zkServicesPath());
        } else if (type == RegistryType.CONSUL) {
            r.put("consulDatacenter", s.consulDatacenter());
            r.put("consulServiceTag", s.consulServiceTag() == null ? "" : s.consulServiceTag());
            if (s.consulRefreshInterval() != null) {
                r.put("consulRefreshInterval", s.consulRefreshInterval());
            }
        }
        if (type == RegistryType.NACOS3) {
            if (!r.path("enableMCPServer").isBoolean()) {
                r.put("enableMCPServer", false);
            }
            if (!r.path("mcpServerBaseUrl").isTextual()) {
                r.put("mcpServerBaseUrl", "");
            }
            if (!r.path("mcpServerExportDomains").isArray()) {
                r.putArray("mcpServerExportDomains");
            }
        }
        putIfSet(r, "authSecretName", s.authSecretName());
    }

    /** The source a registry holds. */
    static ServiceSourceSpec read(JsonNode r, String namespace) {
        return new ServiceSourceSpec(text(r, "name"), text(r, "type"), text(r, "domain"), integer(r, "port"),
                text(r, "protocol"), text(r, "sni"), text(r, "proxyName"), vport(r.get("vport")),
                text(r, "nacosNamespaceId"), strings(r, "nacosGroups"), text(r, "nacosAddressServer"),
                text(r, "nacosAccessKey"), text(r, "nacosSecretKey"), strings(r, "zkServicesPath"),
                text(r, "consulDatacenter"), text(r, "consulServiceTag"), integer(r, "consulRefreshInterval"),
                text(r, "authSecretName"), namespace);
    }

    static ServiceSourceSpec.VPort vport(JsonNode v) {
        if (v == null || !v.isObject()) {
            return null;
        }
        return Json.MAPPER.convertValue(v, ServiceSourceSpec.VPort.class);
    }

    /** A string field; empty means absent (the console writes "" for unset ones). */
    static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    static Integer integer(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isIntegralNumber() ? n.asInt() : null;
    }

    /** A list of strings; empty means absent. */
    static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        o.path(field).forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? null : List.copyOf(out);
    }

    static void strings(ArrayNode into, List<String> values) {
        if (values != null) {
            values.forEach(into::add);
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
