package io.higress.fleet.resources.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.upstream.console.ConsoleJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bridge registries ⇄ console service sources ({@code /v1/service-sources}), one source per registry, named like the
 * registry (the console keeps them all in its one McpBridge {@code default}; the name is what routes reference, as
 * {@code <name>.dns} or {@code <name>.static}, so it is never prefixed). Fields as on the Kubernetes path: nacos
 * (default type {@code nacos2}, port 8848) → {@code properties.nacosNamespaceId/nacosGroups}; consul (port 8500) →
 * {@code properties.consulDatacenter}; static addresses joined by commas into {@code domain} with port 80; dns.
 */
public final class ConsoleSourceMapping {

    public List<ObjectNode> toConsole(McpBridgeSpec b) {
        List<ObjectNode> out = new ArrayList<>();
        for (McpBridgeSpec.Nacos n : orEmpty(b.nacos())) {
            String[] hp = hostPort(n.address(), 8848);
            ObjectNode s = source(n.name(), n.type() != null ? n.type() : "nacos2", hp[0], Integer.parseInt(hp[1]));
            ObjectNode props = s.putObject("properties");
            if (n.namespaceId() != null) {
                props.put("nacosNamespaceId", n.namespaceId());
            }
            if (n.groups() != null && !n.groups().isEmpty()) {
                n.groups().forEach(props.putArray("nacosGroups")::add);
            }
            out.add(s);
        }
        for (McpBridgeSpec.Consul c : orEmpty(b.consul())) {
            String[] hp = hostPort(c.address(), 8500);
            ObjectNode s = source(c.name(), "consul", hp[0], Integer.parseInt(hp[1]));
            ObjectNode props = s.putObject("properties");
            if (c.datacenter() != null) {
                props.put("consulDatacenter", c.datacenter());
            }
            if (c.serviceTag() != null) {
                props.put("consulServiceTag", c.serviceTag());
            }
            out.add(s);
        }
        for (McpBridgeSpec.Static st : orEmpty(b.staticRegistries())) {
            ObjectNode s = source(st.name(), "static", String.join(",", st.addresses()), 80);
            if (st.protocol() != null) {
                s.put("protocol", st.protocol());
            }
            out.add(s);
        }
        for (McpBridgeSpec.Dns d : orEmpty(b.dns())) {
            ObjectNode s = source(d.name(), "dns", d.domain(), d.port());
            if (d.protocol() != null) {
                s.put("protocol", d.protocol());
            }
            out.add(s);
        }
        return out;
    }

    /** Service sources as one bridge, grouped by type; types the facade does not model are left out. */
    public McpBridgeSpec fromConsole(String bridgeName, List<JsonNode> sources) {
        List<McpBridgeSpec.Nacos> nacos = new ArrayList<>();
        List<McpBridgeSpec.Consul> consul = new ArrayList<>();
        List<McpBridgeSpec.Static> statics = new ArrayList<>();
        List<McpBridgeSpec.Dns> dns = new ArrayList<>();
        for (JsonNode s : sources) {
            String type = s.path("type").asText();
            String name = s.path("name").asText();
            String domain = s.path("domain").asText(null);
            Integer port = s.path("port").isNumber() ? s.get("port").asInt() : null;
            String address = port == null ? domain : domain + ":" + port;
            JsonNode props = s.path("properties");
            switch (type) {
                case "nacos", "nacos2", "nacos3" -> {
                    List<String> groups = new ArrayList<>();
                    props.path("nacosGroups").forEach(g -> groups.add(g.asText()));
                    nacos.add(new McpBridgeSpec.Nacos(name, address, props.path("nacosNamespaceId").asText(null),
                            type, groups.isEmpty() ? null : groups));
                }
                case "consul" -> consul.add(new McpBridgeSpec.Consul(name, address,
                        props.path("consulDatacenter").asText(null), props.path("consulServiceTag").asText(null)));
                case "static" -> statics.add(new McpBridgeSpec.Static(name,
                        domain == null ? List.of() : Arrays.asList(domain.split(",")), s.path("protocol").asText(null)));
                case "dns" -> dns.add(new McpBridgeSpec.Dns(name, domain, port, s.path("protocol").asText(null)));
                default -> {
                }
            }
        }
        return new McpBridgeSpec(bridgeName, nullIfEmpty(nacos), nullIfEmpty(consul), nullIfEmpty(statics),
                nullIfEmpty(dns), null);
    }

    private static ObjectNode source(String name, String type, String domain, Integer port) {
        ObjectNode s = ConsoleJson.MAPPER.createObjectNode();
        s.put("name", name);
        s.put("type", type);
        s.put("domain", domain);
        if (port != null) {
            s.put("port", port);
        }
        return s;
    }

    /** {@code host[:port]}; input has passed the bridge validator. */
    private static String[] hostPort(String address, int defaultPort) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? new String[] {address, Integer.toString(defaultPort)}
                : new String[] {address.substring(0, colon), address.substring(colon + 1)};
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : List.copyOf(l);
    }
}
