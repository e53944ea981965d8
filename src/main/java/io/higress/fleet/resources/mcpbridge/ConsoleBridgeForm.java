package io.higress.fleet.resources.mcpbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.HostPort;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * bridge registries ⇄ console service sources ({@code /v1/service-sources}), one source per registry, named like the
 * registry. The console keeps them all in its one McpBridge {@code default}, with nowhere to keep the facade's bridge
 * name: the bridge {@code default} reads as every source (the console's internal ones, named {@code *.internal*},
 * left out); another bridge name is the sources of the registries a write names (so a POST of registries that
 * exist is a 409, and a rollout re-applying them updates them). Sources have nowhere to carry the fleet's mark: they
 * count as the fleet's. Fields as on the Kubernetes path: nacos (default type {@code nacos2}, port 8848, groups
 * {@code DEFAULT_GROUP}) → {@code properties.nacosNamespaceId/nacosGroups}; consul (port 8500) →
 * {@code properties.consulDatacenter} (the console requires it); static addresses joined by commas into
 * {@code domain} with port 80; dns. An update keeps what else the console holds of a source.
 */
public final class ConsoleBridgeForm implements Form<McpBridgeSpec> {
    static final ConsoleType SOURCES = new ConsoleType("/v1/service-sources", false, false);
    public static final String CONSOLE_BRIDGE = "default";

    @Override
    public Uni<Copy<McpBridgeSpec>> read(StoreReads reads, String namespace, String name, McpBridgeSpec desired) {
        if (CONSOLE_BRIDGE.equals(name)) {
            return reads.list(SOURCES, null).map(all -> copy(namespace, name, all));
        }
        if (desired == null) {
            return Uni.createFrom().item(Copy.absent(namespace, name, List.of()));
        }
        return Multi.createFrom().iterable(registryNames(desired))
                .onItem().transformToUniAndConcatenate(r -> reads.get(SOURCES.address(r)))
                .collect().asList()
                .map(found -> copy(namespace, name, found.stream().filter(Objects::nonNull).toList()));
    }

    @Override
    public Uni<List<Copy<McpBridgeSpec>>> list(StoreReads reads, String namespace) {
        return read(reads, namespace, CONSOLE_BRIDGE, null).map(c -> c.exists() ? List.of(c) : List.of());
    }

    private static Copy<McpBridgeSpec> copy(String namespace, String name, List<StoredObject> sources) {
        List<StoredObject> own = sources.stream().filter(s -> !s.address().name().contains(".internal")).toList();
        if (own.isEmpty()) {
            return Copy.absent(namespace, name, List.of());
        }
        return new Copy<>(namespace, name, fromConsole(name, own.stream().map(StoredObject::body).toList()), own,
                List.of(), true, own.get(0).version());
    }

    @Override
    public List<Part> parts(McpBridgeSpec b, String namespace, Copy<McpBridgeSpec> current) {
        Map<String, ObjectNode> now = new HashMap<>();
        current.parts().forEach(p -> now.put(p.address().name(), p.body()));
        return toConsole(b).stream().map(s -> {
            String name = s.get("name").asText();
            ObjectNode body = now.containsKey(name) ? over(now.get(name), s) : s;
            return new Part(SOURCES.address(name), body, name);
        }).toList();
    }

    /** The current source with the facade's fields replaced; properties merged key by key. */
    private static ObjectNode over(ObjectNode current, ObjectNode desired) {
        ObjectNode out = current.deepCopy();
        JsonNode props = desired.get("properties");
        desired.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("properties")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        if (props instanceof ObjectNode p) {
            (out.get("properties") instanceof ObjectNode o ? o : out.putObject("properties")).setAll(p);
        }
        out.remove("version");
        return out;
    }

    List<ObjectNode> toConsole(McpBridgeSpec b) {
        List<ObjectNode> out = new ArrayList<>();
        List<McpBridgeSpec.Nacos> nacos = orEmpty(b.nacos());
        for (McpBridgeSpec.Nacos n : nacos) {
            HostPort hp = HostPort.parse(n.address(), McpBridgeTranslator.NACOS_PORT);
            ObjectNode s = source(n.name(), n.type() != null ? n.type() : "nacos2", hp.host(), hp.port());
            ObjectNode props = s.putObject("properties");
            if (n.namespaceId() != null) {
                props.put("nacosNamespaceId", n.namespaceId());
            }
            McpBridgeTranslator.groups(n).forEach(props.putArray("nacosGroups")::add);
            out.add(s);
        }
        List<McpBridgeSpec.Consul> consul = orEmpty(b.consul());
        for (int i = 0; i < consul.size(); i++) {
            McpBridgeSpec.Consul c = consul.get(i);
            if (c.datacenter() == null || c.datacenter().isBlank()) {
                throw new ProblemException(Problem.invalid("consul[" + i + "].datacenter", "is required on "
                        + "console-managed clusters (the console needs consulDatacenter)"));
            }
            HostPort hp = HostPort.parse(c.address(), McpBridgeTranslator.CONSUL_PORT);
            ObjectNode s = source(c.name(), "consul", hp.host(), hp.port());
            ObjectNode props = s.putObject("properties");
            props.put("consulDatacenter", c.datacenter());
            if (c.serviceTag() != null) {
                props.put("consulServiceTag", c.serviceTag());
            }
            out.add(s);
        }
        for (McpBridgeSpec.Static st : orEmpty(b.staticRegistries())) {
            ObjectNode s = source(st.name(), "static", String.join(",", st.addresses()),
                    McpBridgeTranslator.STATIC_PORT);
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
    static McpBridgeSpec fromConsole(String bridgeName, List<? extends JsonNode> sources) {
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
                    nacos.add(new McpBridgeSpec.Nacos(name, address, text(props.path("nacosNamespaceId")), type,
                            groups.isEmpty() ? null : groups));
                }
                case "consul" -> consul.add(new McpBridgeSpec.Consul(name, address,
                        text(props.path("consulDatacenter")), text(props.path("consulServiceTag"))));
                case "static" -> statics.add(new McpBridgeSpec.Static(name,
                        domain == null ? List.of() : Arrays.asList(domain.split(",")), text(s.path("protocol"))));
                case "dns" -> dns.add(new McpBridgeSpec.Dns(name, domain, port, text(s.path("protocol"))));
                default -> {
                }
            }
        }
        return new McpBridgeSpec(bridgeName, nullIfEmpty(nacos), nullIfEmpty(consul), nullIfEmpty(statics),
                nullIfEmpty(dns), null);
    }

    static List<String> registryNames(McpBridgeSpec b) {
        List<String> names = new ArrayList<>();
        orEmpty(b.nacos()).forEach(r -> names.add(r.name()));
        orEmpty(b.consul()).forEach(r -> names.add(r.name()));
        orEmpty(b.staticRegistries()).forEach(r -> names.add(r.name()));
        orEmpty(b.dns()).forEach(r -> names.add(r.name()));
        return names;
    }

    /** A console answers unset properties as null or "": both mean absent. */
    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    private static ObjectNode source(String name, String type, String domain, Integer port) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("name", name);
        s.put("type", type);
        s.put("domain", domain);
        if (port != null) {
            s.put("port", port);
        }
        return s;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : List.copyOf(l);
    }
}
