package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.mcpserver.McpServerSpec.Service;
import io.higress.fleet.resources.shared.BridgeRegistries;
import io.higress.fleet.resources.shared.BuiltInPlugin;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.ConsoleYaml;
import io.higress.fleet.resources.shared.HigressConfig;
import io.higress.fleet.resources.shared.KeyAuthConsumers;
import io.higress.fleet.resources.shared.PluginInstances;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An MCP server in Kubernetes, as McpServiceContextImpl and its save strategies write it: the route's Ingress
 * ({@link McpServerObjects}), {@code higress-config}'s {@code mcpServer} section ({@link HigressConfig}: initialised
 * on every save, a database server's entry), the {@code mcp-server.internal} instance at the route (an open_api
 * server's tools: enabled when its configuration has {@code tools:}, else {@code {server: {name, description}}}
 * disabled) and the key-auth allow list at the route ({@link KeyAuthConsumers}, the one writer of allow lists). Its
 * copies compare on the facade model (the WasmPlugins and the ConfigMap hold others' entries); a delete deletes the
 * Ingress and removes the server's instances and entries; a rollback writes the server as it was over what the
 * shared objects hold then. Read for the checks: the Services of every namespace and the McpBridges (a service the
 * cluster lacks is a 400; a DNS source's domain is a direct route's upstream host).
 */
final class KubernetesMcpServerForm implements KubernetesForm<McpServerSpec> {
    static final KubernetesType SERVICE = new KubernetesType("v1", "Service", "services");
    private static final KubernetesType WASM_PLUGIN = ConsolePlugins.WASM_PLUGIN;
    private static final String CLUSTER_SUFFIX = ".svc.cluster.local";

    @Override
    public List<KubernetesType> types() {
        return List.of(McpServerObjects.INGRESS, HigressConfig.CONFIG_MAP, WASM_PLUGIN);
    }

    @Override
    public Uni<Copy<McpServerSpec>> read(StoreReads reads, String namespace, String name, McpServerSpec desired) {
        return Uni.combine().all().unis(
                reads.get(McpServerObjects.INGRESS.address(namespace, McpServerObjects.routeName(name))),
                reads.list(WASM_PLUGIN, namespace),
                reads.get(HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME)),
                reads.list(BridgeRegistries.MCP_BRIDGE, namespace),
                reads.list(SERVICE, StoreReads.EVERY_NAMESPACE)).asTuple()
                .map(t -> {
                    List<StoredObject> related = new ArrayList<>(t.getItem4());
                    related.addAll(t.getItem5());
                    return copy(namespace, name, t.getItem1(), t.getItem2(), t.getItem3(), related);
                });
    }

    @Override
    public Uni<List<Copy<McpServerSpec>>> list(StoreReads reads, String namespace) {
        return Uni.combine().all().unis(reads.list(McpServerObjects.INGRESS, namespace),
                reads.list(WASM_PLUGIN, namespace),
                reads.get(HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME))).asTuple().map(t -> {
                    List<Copy<McpServerSpec>> out = new ArrayList<>();
                    for (StoredObject ingress : t.getItem1()) {
                        String name = McpServerObjects.serverName(ingress.address().name());
                        if (name != null && McpServerObjects.isMcpRoute(ingress.body())) {
                            Copy<McpServerSpec> c = copy(namespace, name, ingress, t.getItem2(), t.getItem3(),
                                    List.of());
                            if (c.exists()) {
                                out.add(c);
                            }
                        }
                    }
                    return out;
                });
    }

    private static Copy<McpServerSpec> copy(String namespace, String name, StoredObject ingress,
            List<StoredObject> plugins, StoredObject configMap, List<StoredObject> related) {
        StoredObject mcp = ConsolePlugins.find(plugins, BuiltInPlugin.MCP_SERVER, true);
        StoredObject keyAuth = KeyAuthConsumers.find(plugins);
        List<StoredObject> parts = Stream.of(ingress, mcp, keyAuth, configMap).filter(Objects::nonNull).toList();
        McpServerSpec spec = McpServerReads.spec(ingress, mcp, keyAuth, McpServerReads.config(configMap), namespace);
        if (spec == null || !name.equals(spec.name())) {
            return Copy.absentEntry(namespace, name, parts, related);
        }
        return new Copy<>(namespace, name, spec, parts, related, true, ingress.version(), true);
    }

    @Override
    public List<Part> parts(McpServerSpec spec, String namespace, Copy<McpServerSpec> current) {
        McpServerType type = McpServerType.of(spec.type()).orElseThrow();
        checkServices(spec, current.related());
        Workspace w = new Workspace().load(current.parts());
        ObjectAddress configMap = HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME);
        HigressConfig config = HigressConfig.of(w.get(configMap));
        config.init();
        String route = McpServerObjects.routeName(spec.name());
        String rewrite = null;
        String host = null;
        if (type == McpServerType.DIRECT_ROUTE) {
            rewrite = upstreamPathPrefix(spec.directRouteConfig(), config.ssePathSuffix());
            host = dnsDomain(spec.services().get(0).name(), current.related());
        }
        if (type == McpServerType.OPEN_API) {
            String redis = config.redisAddress();
            if (redis == null || redis.isBlank() || HigressConfig.REDIS_PLACEHOLDER.equals(redis)) {
                throw new ProblemException(Problem.invalid("type", "an open_api MCP server needs Redis, and this "
                        + "cluster's higress-config has " + (redis == null || redis.isBlank() ? "no Redis address"
                        : "the placeholder Redis address") + ": configure mcpServer.redis in higress-config first"));
            }
        }
        w.put(McpServerObjects.INGRESS.address(namespace, route),
                McpServerObjects.ingress(spec, type, namespace, rewrite, host));
        if (type == McpServerType.DATABASE) {
            DbType db = DbType.of(spec.dbType()).orElseThrow();
            config.putDatabase(spec.name(), DbDsn.of(spec.dbConfig(), db), db.value);
        } else {
            config.remove(spec.name()); // a server that is no (longer a) database has no servers entry
        }
        config.writeTo(w, configMap);
        if (type == McpServerType.OPEN_API) {
            tools(plugin(w, current.parts(), BuiltInPlugin.MCP_SERVER, namespace), route, spec);
        } else {
            removeAt(w, current.parts(), BuiltInPlugin.MCP_SERVER, route, namespace);
        }
        if (spec.consumerAuthInfo() != null) {
            KeyAuthConsumers.allow(KeyAuthConsumers.plugin(w, current.parts(), namespace), Targets.route(route),
                    Boolean.TRUE.equals(spec.consumerAuthInfo().enable()),
                    Json.tree(spec.consumerAuthInfo().allowedConsumers()));
        }
        return w.parts(Workspace::label);
    }

    /** OpenApiSaveStrategy.buildWasmPluginInstanceRequest: the route's {@code mcp-server} instance. */
    private static void tools(ObjectNode mcp, String route, McpServerSpec spec) {
        String raw = spec.rawConfigurations();
        if (raw != null && !raw.isBlank()) {
            PluginInstances.set(mcp, Targets.route(route), raw.contains("tools:"), ConsoleYaml.parse(raw));
            return;
        }
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putObject("server").put("name", spec.name())
                .put("description", spec.description() != null ? spec.description() : "Nothing");
        PluginInstances.set(mcp, Targets.route(route), false, config);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<McpServerSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        String route = McpServerObjects.routeName(current.name());
        w.delete(McpServerObjects.INGRESS.address(namespace, route));
        for (BuiltInPlugin p : List.of(BuiltInPlugin.MCP_SERVER, BuiltInPlugin.KEY_AUTH)) {
            removeAt(w, current.parts(), p, route, namespace);
        }
        ObjectAddress cm = HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME);
        HigressConfig config = McpServerReads.config(current.parts().stream()
                .filter(o -> o.address().equals(cm)).findFirst().orElse(null));
        if (config != null) {
            config.remove(current.name());
            config.writeTo(w, cm);
        }
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<McpServerSpec> current) {
        StoredObject ingress = part(previous, McpServerObjects.INGRESS);
        List<StoredObject> plugins = previous.stream().filter(o -> o.address().type().equals(WASM_PLUGIN)).toList();
        McpServerSpec before = McpServerReads.spec(ingress, ConsolePlugins.find(plugins, BuiltInPlugin.MCP_SERVER,
                true), KeyAuthConsumers.find(plugins), McpServerReads.config(part(previous, HigressConfig.CONFIG_MAP)),
                namespace);
        return Workspace.restoredEntry(this, before, namespace, current, Workspace::label);
    }

    private static StoredObject part(List<StoredObject> parts, KubernetesType type) {
        return parts.stream().filter(o -> o.address().type().equals(type)).findFirst().orElse(null);
    }

    /** The route's instance of {@code p} goes; the WasmPlugin is edited (and marked) only when it has one. */
    private static void removeAt(Workspace w, List<StoredObject> parts, BuiltInPlugin p, String route,
            String namespace) {
        StoredObject found = ConsolePlugins.find(parts.stream().filter(o -> o.address().type().equals(WASM_PLUGIN))
                .toList(), p, true);
        ObjectNode now = found == null ? null : w.get(found.address());
        if (now != null && PluginInstances.get(now, Targets.route(route)) != null) {
            PluginInstances.remove(w.edit(found.address()), Targets.route(route));
        }
    }

    /** The WasmPlugin of {@code p}'s internal instances to edit, created as the console creates it. */
    private static ObjectNode plugin(Workspace w, List<StoredObject> parts, BuiltInPlugin p, String namespace) {
        StoredObject found = ConsolePlugins.find(parts.stream().filter(o -> o.address().type().equals(WASM_PLUGIN))
                .toList(), p, true);
        ObjectAddress a = found != null ? found.address() : ConsolePlugins.address(p, true, namespace);
        ObjectNode cr = w.edit(a);
        return cr != null ? cr : w.put(a, ConsolePlugins.create(p, true, namespace));
    }

    /** generateUpstreamPathPrefix: a streamable path as it is; an SSE path without the SSE suffix it must end in. */
    private static String upstreamPathPrefix(McpServerSpec.DirectRouteConfig c, String ssePathSuffix) {
        if (McpServerObjects.STREAMABLE.equalsIgnoreCase(c.transportType())) {
            return c.path();
        }
        if (ssePathSuffix == null || !c.path().endsWith(ssePathSuffix)) {
            throw new ProblemException(Problem.invalid("directRouteConfig.path", "the path of an sse MCP server "
                    + "must end with " + ssePathSuffix + " (higress-config's mcpServer.sse_path_suffix)"));
        }
        String prefix = c.path().substring(0, c.path().length() - ssePathSuffix.length());
        return prefix.isBlank() ? "/" : prefix;
    }

    /** getServiceDomainName: the domain of the DNS registry a {@code <name>.dns} service names, or null. */
    private static String dnsDomain(String service, List<StoredObject> related) {
        if (!service.endsWith(".dns")) {
            return null;
        }
        String registry = service.substring(0, service.length() - ".dns".length());
        for (JsonNode r : registries(related)) {
            if ("dns".equalsIgnoreCase(r.path("type").asText()) && registry.equalsIgnoreCase(r.path("name").asText())) {
                return r.path("domain").asText(null);
            }
        }
        return null;
    }

    private static List<JsonNode> registries(List<StoredObject> related) {
        List<JsonNode> out = new ArrayList<>();
        related.stream().filter(o -> o.address().type().equals(BridgeRegistries.MCP_BRIDGE))
                .forEach(b -> b.body().path("spec").path("registries").forEach(out::add));
        return out;
    }

    /**
     * Each service must be one the cluster lists (the console's /v1/services): a Service
     * {@code <svc>.<namespace>.svc.cluster.local}, or a service of an McpBridge registry ({@code <registry>.dns},
     * {@code <registry>.static}, {@code <service>...<type>} of a registry of that type).
     */
    private static void checkServices(McpServerSpec spec, List<StoredObject> related) {
        List<JsonNode> registries = registries(related);
        for (int i = 0; i < spec.services().size(); i++) {
            Service s = spec.services().get(i);
            if (!known(s.name(), related, registries)) {
                throw new ProblemException(Problem.invalid("services[" + i + "].name", "the cluster has no service "
                        + s.name() + " (a Kubernetes Service <name>.<namespace>" + CLUSTER_SUFFIX
                        + ", or a service of a service source: <source>.dns, <source>.static, ...)"));
            }
        }
    }

    private static boolean known(String name, List<StoredObject> related, List<JsonNode> registries) {
        if (name.endsWith(CLUSTER_SUFFIX)) {
            String[] svcNs = name.substring(0, name.length() - CLUSTER_SUFFIX.length()).split("\\.");
            return svcNs.length == 2 && related.stream().anyMatch(o -> o.address().type().equals(SERVICE)
                    && o.address().name().equals(svcNs[0]) && svcNs[1].equals(o.address().namespace()));
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String type = name.substring(dot + 1);
        String head = name.substring(0, dot);
        return registries.stream().anyMatch(r -> type.equalsIgnoreCase(r.path("type").asText())
                && (!Set.of("dns", "static").contains(type) || head.equalsIgnoreCase(r.path("name").asText())));
    }
}
