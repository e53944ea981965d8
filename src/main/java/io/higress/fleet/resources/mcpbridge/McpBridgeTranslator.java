package io.higress.fleet.resources.mcpbridge;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.higress.fleet.resources.HostPort;
import io.higress.fleet.resources.Ownership;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bridge ⇄ {@code networking.higress.io/v1} McpBridge {@code spec.registries[]} (nacos, consul, static, dns in that
 * order). nacos/consul {@code address} host:port → {@code domain} + {@code port}, nacos {@code groups} (default
 * {@code DEFAULT_GROUP}) → {@code nacosGroups}; static addresses are joined with
 * commas into {@code domain} with port 80, as Higress expects. Input must have passed {@link McpBridgeValidator}.
 */
public final class McpBridgeTranslator {
    public static final String API_VERSION = "networking.higress.io/v1";
    public static final String KIND = "McpBridge";
    static final int NACOS_PORT = 8848;
    static final int CONSUL_PORT = 8500;
    static final int STATIC_PORT = 80;
    static final List<String> DEFAULT_GROUPS = List.of("DEFAULT_GROUP");

    private final String defaultNamespace;

    public McpBridgeTranslator(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    public GenericKubernetesResource toMcpBridge(McpBridgeSpec b) {
        List<Object> registries = new ArrayList<>();
        for (McpBridgeSpec.Nacos n : orEmpty(b.nacos())) {
            HostPort hp = HostPort.parse(n.address(), NACOS_PORT);
            Map<String, Object> r = registry(n.type() != null ? n.type() : "nacos2", n.name(), hp.host(), hp.port());
            putIfSet(r, "nacosNamespaceId", n.namespaceId());
            r.put("nacosGroups", groups(n));
            registries.add(r);
        }
        for (McpBridgeSpec.Consul n : orEmpty(b.consul())) {
            HostPort hp = HostPort.parse(n.address(), CONSUL_PORT);
            Map<String, Object> r = registry("consul", n.name(), hp.host(), hp.port());
            putIfSet(r, "consulDatacenter", n.datacenter());
            putIfSet(r, "consulServiceTag", n.serviceTag());
            registries.add(r);
        }
        for (McpBridgeSpec.Static n : orEmpty(b.staticRegistries())) {
            Map<String, Object> r = registry("static", n.name(), String.join(",", n.addresses()), STATIC_PORT);
            putIfSet(r, "protocol", n.protocol());
            registries.add(r);
        }
        for (McpBridgeSpec.Dns n : orEmpty(b.dns())) {
            Map<String, Object> r = registry("dns", n.name(), n.domain(), n.port());
            putIfSet(r, "protocol", n.protocol());
            registries.add(r);
        }
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(API_VERSION);
        o.setKind(KIND);
        o.setMetadata(new ObjectMetaBuilder()
                .withName(b.name())
                .withNamespace(b.namespace() != null ? b.namespace() : defaultNamespace)
                .withLabels(Map.of(Ownership.LABEL, Ownership.VALUE))
                .build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("registries", registries);
        o.setAdditionalProperty("spec", spec);
        return o;
    }

    /**
     * Reads a McpBridge back as a bridge, grouping registries by type. Lossless for what {@link #toMcpBridge} writes;
     * registry types the facade does not model (zookeeper, eureka) and unmodelled fields are left out.
     */
    @SuppressWarnings("unchecked")
    public McpBridgeSpec fromMcpBridge(GenericKubernetesResource o) {
        List<McpBridgeSpec.Nacos> nacos = new ArrayList<>();
        List<McpBridgeSpec.Consul> consul = new ArrayList<>();
        List<McpBridgeSpec.Static> statics = new ArrayList<>();
        List<McpBridgeSpec.Dns> dns = new ArrayList<>();
        Object spec = o.getAdditionalProperties().get("spec");
        Object regs = spec instanceof Map<?, ?> m ? m.get("registries") : null;
        for (Object x : regs instanceof List<?> l ? l : List.of()) {
            if (!(x instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> r = (Map<String, Object>) x;
            String type = str(r.get("type"));
            String name = str(r.get("name"));
            String domain = str(r.get("domain"));
            Integer port = r.get("port") instanceof Number n ? n.intValue() : null;
            String address = port == null ? domain : domain + ":" + port;
            if (type != null && McpBridgeValidator.NACOS_TYPES.contains(type)) {
                List<String> groups = r.get("nacosGroups") instanceof List<?> g
                        ? g.stream().map(String::valueOf).toList() : null;
                nacos.add(new McpBridgeSpec.Nacos(name, address, str(r.get("nacosNamespaceId")), type, groups));
            } else if ("consul".equals(type)) {
                consul.add(new McpBridgeSpec.Consul(name, address, str(r.get("consulDatacenter")),
                        str(r.get("consulServiceTag"))));
            } else if ("static".equals(type)) {
                List<String> addrs = domain == null ? List.of() : Arrays.asList(domain.split(","));
                statics.add(new McpBridgeSpec.Static(name, addrs, str(r.get("protocol"))));
            } else if ("dns".equals(type)) {
                dns.add(new McpBridgeSpec.Dns(name, domain, port, str(r.get("protocol"))));
            }
        }
        return new McpBridgeSpec(o.getMetadata().getName(), nullIfEmpty(nacos), nullIfEmpty(consul),
                nullIfEmpty(statics), nullIfEmpty(dns), o.getMetadata().getNamespace());
    }

    /** The nacos groups to write: the given ones, else Nacos's default group (Higress needs at least one). */
    static List<String> groups(McpBridgeSpec.Nacos n) {
        return n.groups() != null && !n.groups().isEmpty() ? List.copyOf(n.groups()) : DEFAULT_GROUPS;
    }

    private static Map<String, Object> registry(String type, String name, String domain, Integer port) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        r.put("name", name);
        r.put("domain", domain);
        r.put("port", port);
        return r;
    }

    private static void putIfSet(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : List.copyOf(l);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
