package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.NOT_FOUND;
import static io.higress.fleet.sim.console.ConsoleAnswer.conflict;
import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The console's objects and its controllers' rules (higress-console's RoutesController, ServiceSourceController,
 * WasmPluginsController, WasmPluginInstancesController and their services), as observed on a running console
 * (reference higress.md, "Observed on a running console"). Each method answers one request.
 */
final class ConsoleObjects {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Set<String> SOURCE_TYPES = Set.of("nacos", "nacos2", "nacos3", "zookeeper", "consul",
            "eureka", "static", "dns");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?!-)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern PROXY_NAME = Pattern.compile("[a-z][a-z0-9-_.]{0,62}");
    private static final Set<String> PHASES = Set.of("UNSPECIFIED_PHASE", "UNSPECIFIED", "DEFAULT", "AUTHN", "AUTHZ",
            "STATS");
    private static final String INTERNAL = ".internal";

    final AtomicLong versions = new AtomicLong(100);
    final ConsoleCollection routes = new ConsoleCollection(versions);
    final ConsoleDomains domains = new ConsoleDomains(new ConsoleCollection(versions), routes);
    final ConsoleCertificates certificates = new ConsoleCertificates(new ConsoleCollection(versions));
    final ConsoleCollection sources = new ConsoleCollection(versions);
    /** Proxy servers: the same McpBridge {@code default}'s {@code proxies}, so they share the sources' version. */
    final ConsoleCollection proxies = new ConsoleCollection(versions);
    /** Custom plugins: definition and global instance live in one WasmPlugin, so they share a version. */
    final ConsoleCollection customPlugins = new ConsoleCollection(versions);
    /** Global instances of built-in plugins (WasmPlugin {@code <name>-<version>}), by plugin name. */
    final ConsoleCollection instances = new ConsoleCollection(versions);
    /** The console's own instances ({@code key-auth.internal}): never shown by the instance API. */
    final ConsoleCollection internal = new ConsoleCollection(versions);
    /** The McpBridge {@code default} holding every service source: its resourceVersion is every source's version. */
    private volatile String bridgeVersion;

    // ---- routes

    ConsoleAnswer routes(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null; // listed by the caller
                case "POST" -> addRoute(body);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> routes.get(name) == null ? empty(404) : envelope(route(routes.get(name)));
            case "PUT" -> updateRoute(name, body);
            case "DELETE" -> name.endsWith(INTERNAL) ? invalid("Deleting an internal route is not allowed.")
                    : deleted(routes.remove(name));
            default -> empty(405);
        };
    }

    private ConsoleAnswer addRoute(JsonNode body) {
        String name = text(body, "name");
        if (name == null) {
            return invalid("Route name is required.");
        }
        if (name.endsWith(INTERNAL)) {
            return invalid("Adding an internal route is not allowed.");
        }
        ConsoleAnswer invalid = validateRoute(body);
        if (invalid != null) {
            return invalid;
        }
        if (routes.get(name) != null) {
            return conflict();
        }
        return raw(201, route(routes.put(name, withoutVersion(body))));
    }

    /** A PUT replaces the whole route; without a version it is accepted unconditionally. */
    private ConsoleAnswer updateRoute(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        ObjectNode b = ((ObjectNode) body).deepCopy();
        if (text(b, "name") == null) {
            b.put("name", name);
        } else if (!name.equals(text(b, "name"))) {
            return invalid("Route name in the URL doesn't match the one in the body.");
        }
        if (name.endsWith(INTERNAL)) {
            return invalid("Updating an internal route is not allowed.");
        }
        ConsoleAnswer invalid = validateRoute(b);
        if (invalid != null) {
            return invalid;
        }
        ObjectNode current = routes.get(name);
        if (current == null) {
            return error(500, "io.kubernetes.client.openapi.ApiException: Not Found - ");
        }
        if (text(b, "version") != null && !b.path("version").asText().equals(current.path("version").asText())) {
            return conflict();
        }
        return raw(200, route(routes.put(name, withoutVersion(b))));
    }

    private static ConsoleAnswer validateRoute(JsonNode body) {
        if (!body.path("services").isArray() || body.path("services").isEmpty()) {
            return invalid("services cannot be empty.");
        }
        return null;
    }

    /** A route as the console reads it back from its Ingress: custom labels and configs always present. */
    static ObjectNode route(ObjectNode stored) {
        ObjectNode r = stored.deepCopy();
        if (!r.path("customLabels").isObject()) {
            r.putObject("customLabels");
        }
        if (!r.path("customConfigs").isObject()) {
            r.putObject("customConfigs");
        }
        r.put("readonly", false);
        return r;
    }

    // ---- service sources

    ConsoleAnswer sources(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> addSource(body);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> sources.get(name) == null ? empty(404) : envelope(source(sources.get(name)));
            case "PUT" -> {
                ObjectNode b = body == null || !body.isObject() ? ConsoleSimulator.JSON.createObjectNode()
                        : ((ObjectNode) body).deepCopy();
                b.put("name", name);
                ConsoleAnswer invalid = validateSource(b);
                if (invalid != null) {
                    yield invalid;
                }
                if (name.endsWith(INTERNAL)) {
                    yield invalid("Updating an internal service source is not allowed.");
                }
                storeSource(name, b);
                yield raw(200, b); // the body as sent: the version it carried, if any
            }
            case "DELETE" -> name.endsWith(INTERNAL) ? invalid("Deleting an internal service source is not allowed.")
                    : deleted(removeSource(name));
            default -> empty(405);
        };
    }

    private ConsoleAnswer addSource(JsonNode body) {
        ConsoleAnswer invalid = validateSource(body);
        if (invalid != null) {
            return invalid;
        }
        String name = text(body, "name");
        if (name.endsWith(INTERNAL)) {
            return invalid("Adding an internal service source is not allowed.");
        }
        if (sources.get(name) != null) {
            return conflict();
        }
        storeSource(name, body);
        ObjectNode answer = ((ObjectNode) body).deepCopy();
        answer.putNull("version");
        return raw(201, answer);
    }

    private void storeSource(String name, JsonNode body) {
        ObjectNode stored = sources.put(name, withoutVersion(body));
        bridgeVersion = stored.path("version").asText();
    }

    private boolean removeSource(String name) {
        boolean removed = sources.remove(name);
        if (removed) {
            bridgeVersion = Long.toString(versions.incrementAndGet());
        }
        return removed;
    }

    /**
     * A source as the console reads it from the McpBridge (KubernetesModelConverter: fillV1RegistryConfig, then
     * fillServiceSourceInfo): the bridge's version, only its type's properties with the converter's defaults, unset
     * fields as null, and {@code authN} disabled unless one was enabled.
     */
    ObjectNode source(ObjectNode stored) {
        ObjectNode s = ConsoleSimulator.JSON.createObjectNode();
        for (String f : List.of("name", "type", "domain", "port", "protocol", "sni", "proxyName", "vport")) {
            s.set(f, stored.hasNonNull(f) ? stored.get(f) : s.nullNode());
        }
        s.put("version", bridgeVersion);
        JsonNode sent = stored.path("properties");
        ObjectNode props = s.putObject("properties");
        String type = s.path("type").asText();
        if (type.startsWith("nacos")) {
            props.set("nacosNamespaceId", orDefault(sent, "nacosNamespaceId", props.textNode("")));
            props.set("nacosGroups", orDefault(sent, "nacosGroups", props.arrayNode()));
        } else if (type.equals("zookeeper")) {
            props.set("zkServicesPath", orDefault(sent, "zkServicesPath", props.arrayNode()));
        } else if (type.equals("consul")) {
            props.set("consulDatacenter", orDefault(sent, "consulDatacenter", props.textNode("")));
            props.set("consulServiceTag", orDefault(sent, "consulServiceTag", props.textNode("")));
            props.set("consulRefreshInterval", orDefault(sent, "consulRefreshInterval", props.nullNode()));
        }
        if (type.equals("nacos3")) {
            props.set("enableMCPServer", orDefault(sent, "enableMCPServer", props.booleanNode(false)));
            props.set("mcpServerBaseUrl", orDefault(sent, "mcpServerBaseUrl", props.textNode("")));
            props.set("mcpServerExportDomains", orDefault(sent, "mcpServerExportDomains", props.arrayNode()));
        }
        if (stored.path("authN").path("enabled").asBoolean(false)) {
            s.set("authN", stored.get("authN"));
        } else {
            s.putObject("authN").put("enabled", false).putObject("properties");
        }
        return s;
    }

    private static JsonNode orDefault(JsonNode o, String field, JsonNode fallback) {
        return o.hasNonNull(field) ? o.get(field) : fallback;
    }

    List<ObjectNode> listedSources() {
        return sources.all().stream().map(this::source).toList();
    }

    /** ServiceSource.validate of the console's sdk. */
    private static ConsoleAnswer validateSource(JsonNode s) {
        if (s == null || text(s, "name") == null) {
            return invalid("Service source name is required.");
        }
        if (text(s, "type") == null) {
            return invalid("Service source type is required.");
        }
        if (text(s, "domain") == null) {
            return invalid("Service source domain/IP is required.");
        }
        if (!SERVICE_NAME.matcher(text(s, "name")).matches()) {
            return invalid("Invalid service source name format. Only lowercase letters, numbers and hyphens are "
                    + "allowed, cannot start or end with a hyphen, and must be 1-63 characters long.");
        }
        String type = text(s, "type");
        if (!SOURCE_TYPES.contains(type)) {
            return invalid("Invalid service source type: " + type);
        }
        if (!s.path("port").isInt()) {
            return invalid("Service source port is required.");
        }
        int port = s.path("port").asInt();
        if (port < 1 || port > 65535) {
            return invalid("Invalid port range. Port must be an integer between 1-65535.");
        }
        JsonNode props = s.path("properties");
        if (type.startsWith("nacos")) {
            if (!props.isObject() || props.isEmpty()) {
                return invalid("Nacos service source requires properties configuration.");
            }
            boolean mcp = type.equals("nacos3") && props.path("enableMCPServer").asBoolean(false);
            if (!mcp && (!props.path("nacosGroups").isArray() || props.path("nacosGroups").isEmpty())) {
                return invalid("Nacos service source requires at least one group in nacosGroups.");
            }
        } else if (type.equals("consul")) {
            if (!props.isObject() || props.isEmpty()) {
                return invalid("Consul service source requires properties configuration.");
            }
            if (text(props, "consulDatacenter") == null) {
                return invalid("Consul service source requires consulDatacenter configuration.");
            }
            int interval = props.path("consulRefreshInterval").asInt(10);
            if (interval < 10 || interval > 600) {
                return invalid("Invalid consulRefreshInterval value: " + interval
                        + ". Must be between 10 and 600 seconds.");
            }
        } else if (type.equals("dns")) {
            for (String domain : text(s, "domain").split(",")) {
                if (!domain.trim().isEmpty() && !DOMAIN.matcher(domain.trim()).matches()) {
                    return invalid("Invalid domain format: " + domain.trim());
                }
            }
        } else if (type.equals("static")) {
            for (String address : text(s, "domain").split(",")) {
                if (!address.trim().matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}")) {
                    return invalid("Invalid address format: " + address + ". Correct format is IP:Port, e.g., "
                            + "192.168.1.1:8080");
                }
            }
        }
        if (text(s, "proxyName") != null && !type.equals("static") && !type.equals("dns")) {
            return invalid("Proxy server name is only supported for static and dns types.");
        }
        return null;
    }

    // ---- proxy servers (ProxyServerController, ProxyServerServiceImpl)

    ConsoleAnswer proxies(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> {
                    ConsoleAnswer invalid = validateProxy(body, "Adding");
                    if (invalid != null) {
                        yield invalid;
                    }
                    if (proxies.get(text(body, "name")) != null) {
                        yield conflict();
                    }
                    storeProxy(text(body, "name"), body);
                    yield raw(201, proxyServer((ObjectNode) body));
                }
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> proxies.get(name) == null ? empty(404) : envelope(proxy(proxies.get(name)));
            case "PUT" -> {
                ObjectNode b = body == null || !body.isObject() ? ConsoleSimulator.JSON.createObjectNode()
                        : ((ObjectNode) body).deepCopy();
                b.put("name", name);
                ConsoleAnswer invalid = validateProxy(b, "Updating");
                if (invalid != null) {
                    yield invalid;
                }
                storeProxy(name, b);
                yield raw(200, proxyServer(b));
            }
            case "DELETE" -> {
                if (name.endsWith(INTERNAL)) {
                    yield invalid("Deleting an internal proxy server is not allowed.");
                }
                String user = sources.all().stream().filter(x -> name.equals(text(x, "proxyName")))
                        .map(x -> text(x, "name")).findFirst().orElse(null);
                if (user != null) {
                    yield error(500, "com.alibaba.higress.sdk.exception.BusinessException: Cannot delete the "
                            + "ProxyServer with name: " + name + ", because it is used by a service registry.");
                }
                if (proxies.remove(name)) {
                    bridgeVersion = Long.toString(versions.incrementAndGet());
                }
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    private void storeProxy(String name, JsonNode body) {
        bridgeVersion = proxies.put(name, proxyServer((ObjectNode) body)).path("version").asText();
    }

    /** The ProxyServer fields only (the rest of a body is not read). */
    private static ObjectNode proxyServer(ObjectNode body) {
        ObjectNode p = ConsoleSimulator.JSON.createObjectNode();
        for (String f : List.of("type", "name", "version", "serverAddress", "serverPort", "connectTimeout")) {
            p.set(f, body.hasNonNull(f) ? body.get(f) : p.nullNode());
        }
        return p;
    }

    /** A proxy as the console reads it from the McpBridge: the bridge's version. */
    ObjectNode proxy(ObjectNode stored) {
        ObjectNode p = proxyServer(stored);
        p.put("version", bridgeVersion);
        return p;
    }

    List<ObjectNode> listedProxies() {
        return proxies.all().stream().map(this::proxy).toList();
    }

    /** ProxyServer.isValid and the controller's internal-name rule. */
    private static ConsoleAnswer validateProxy(JsonNode p, String verb) {
        String name = p == null ? null : text(p, "name");
        String address = p == null ? null : text(p, "serverAddress");
        boolean valid = name != null && PROXY_NAME.matcher(name).matches() && text(p, "type") != null
                && address != null
                && (address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || DOMAIN.matcher(address).matches())
                && p.path("serverPort").isInt() && p.path("serverPort").asInt() >= 1
                && p.path("serverPort").asInt() <= 65535
                && (!p.hasNonNull("connectTimeout") || p.path("connectTimeout").asInt() >= 0);
        if (!valid) {
            return invalid("proxyServer body is not valid.");
        }
        if (name.endsWith(INTERNAL)) {
            return invalid(verb + " an internal proxy server is not allowed.");
        }
        return null;
    }

    // ---- wasm plugins (definitions)

    ConsoleAnswer plugins(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> addPlugin(body);
                default -> empty(405);
            };
        }
        BuiltInPlugins.Plugin builtIn = BuiltInPlugins.named(name);
        return switch (method) {
            case "GET" -> builtIn != null ? envelope(builtIn.definition())
                    : customPlugins.get(name) == null ? empty(404) : envelope(definition(customPlugins.get(name)));
            case "PUT" -> updatePlugin(name, body, builtIn);
            case "DELETE" -> {
                if (builtIn != null) {
                    yield error(409, ConsoleAnswer.CONFLICT + "Deleting a built-in plugin is not allowed.");
                }
                customPlugins.remove(name);
                yield empty(204); // a missing custom plugin too
            }
            default -> empty(405);
        };
    }

    List<ObjectNode> listedPlugins() {
        List<ObjectNode> all = new java.util.ArrayList<>(BuiltInPlugins.ALL.stream()
                .map(BuiltInPlugins.Plugin::definition).toList());
        customPlugins.all().forEach(p -> all.add(definition(p)));
        return all;
    }

    private ConsoleAnswer addPlugin(JsonNode body) {
        ConsoleAnswer invalid = validatePlugin(body);
        if (invalid != null) {
            return invalid;
        }
        String name = text(body, "name");
        if (body.path("builtIn").asBoolean(false)) {
            return error(409, ConsoleAnswer.CONFLICT + "Adding a built-in plugin is not allowed.");
        }
        if (BuiltInPlugins.named(name) != null) {
            return error(409, ConsoleAnswer.CONFLICT + "Name conflicted with a built-in plugin.");
        }
        if (customPlugins.get(name) != null) {
            return conflict();
        }
        ObjectNode p = withoutVersion(body);
        p.put("builtIn", false).put("category", "custom");
        if (text(p, "pluginVersion") == null) {
            p.put("pluginVersion", "1.0.0");
        }
        // a new custom plugin's WasmPlugin is disabled and unconfigured: no global instance
        p.put("enabled", false).putObject("configurations");
        return raw(201, definition(customPlugins.put(name, p)));
    }

    private ConsoleAnswer updatePlugin(String name, JsonNode body, BuiltInPlugins.Plugin builtIn) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        if (text(body, "name") != null && !name.equals(text(body, "name"))) {
            return invalid("Plugin name in the URL doesn't match the one in the body.");
        }
        ObjectNode b = ((ObjectNode) body).deepCopy().put("name", name);
        ConsoleAnswer invalid = validatePlugin(b);
        if (invalid != null) {
            return invalid;
        }
        if (b.path("builtIn").asBoolean(false) || builtIn != null) {
            return error(409, ConsoleAnswer.CONFLICT + "Updating a built-in plugin is not allowed.");
        }
        ObjectNode current = customPlugins.get(name);
        if (current == null) {
            return error(502, NOT_FOUND + "No Wasm plugin with name \"" + name + "\" is found.");
        }
        if (text(b, "version") != null && !b.path("version").asText().equals(current.path("version").asText())) {
            return conflict();
        }
        ObjectNode p = withoutVersion(b);
        p.put("builtIn", false).put("category", "custom");
        p.set("enabled", current.get("enabled"));
        p.set("configurations", current.get("configurations"));
        return raw(200, definition(customPlugins.put(name, p)));
    }

    /** WasmPlugin.validate of the console's sdk. */
    private static ConsoleAnswer validatePlugin(JsonNode p) {
        String name = text(p, "name");
        if (name == null) {
            return invalid("name cannot be blank.");
        }
        if (!SERVICE_NAME.matcher(name).matches()) {
            return invalid("Invalid name format.");
        }
        if (text(p, "title") == null) {
            return invalid("title cannot be blank.");
        }
        if (text(p, "category") == null) {
            return invalid("category cannot be blank.");
        }
        if (text(p, "imageRepository") == null) {
            return invalid("imageRepository cannot be blank.");
        }
        String phase = text(p, "phase");
        if (phase != null && !PHASES.contains(phase.toUpperCase(java.util.Locale.ROOT))) {
            return invalid("Invalid phase: " + phase);
        }
        return null;
    }

    private static ObjectNode definition(ObjectNode stored) {
        ObjectNode d = stored.deepCopy();
        d.remove("enabled");
        d.remove("configurations");
        return d;
    }

    // ---- global plugin instances

    ConsoleAnswer instance(String method, String plugin, JsonNode body) {
        BuiltInPlugins.Plugin builtIn = BuiltInPlugins.named(plugin);
        ObjectNode custom = customPlugins.get(plugin);
        return switch (method) {
            case "GET" -> {
                ObjectNode i = builtIn != null ? instanceOf(instances.get(plugin), plugin, builtIn.imageVersion())
                        : custom != null ? instanceOf(custom, plugin, custom.path("pluginVersion").asText()) : null;
                yield envelope(i != null ? i : defaultInstance(plugin));
            }
            case "PUT" -> putInstance(plugin, body, builtIn, custom);
            case "DELETE" -> {
                if (builtIn != null) {
                    instances.remove(plugin);
                    internal.remove(plugin); // the console deletes the global instance from every WasmPlugin
                } else if (custom != null) {
                    custom.put("enabled", false).putObject("configurations");
                    customPlugins.put(plugin, custom);
                }
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    /** {@code GET /v1/global/plugin-instances}: every configured, non-internal global instance. */
    List<ObjectNode> listedGlobalInstances() {
        java.util.stream.Stream<ObjectNode> builtIn = BuiltInPlugins.ALL.stream()
                .map(p -> instanceOf(instances.get(p.name()), p.name(), p.imageVersion()));
        java.util.stream.Stream<ObjectNode> custom = customPlugins.all().stream()
                .map(c -> instanceOf(c, c.path("name").asText(), c.path("pluginVersion").asText()));
        return java.util.stream.Stream.concat(builtIn, custom).filter(java.util.Objects::nonNull).toList();
    }

    private ConsoleAnswer putInstance(String plugin, JsonNode body, BuiltInPlugins.Plugin builtIn, ObjectNode custom) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        if (text(body, "pluginName") != null && !plugin.equals(text(body, "pluginName"))) {
            return invalid("Plugin name in the URL doesn't match the one in the body.");
        }
        if (body.path("internal").asBoolean(false)) {
            return invalid("Updating an internal Wasm plugin instance is not allowed.");
        }
        if (builtIn == null && custom == null) {
            return invalid("Unsupported plugin: " + plugin);
        }
        boolean enabled = body.path("enabled").asBoolean(false);
        JsonNode configurations = body.path("configurations").isObject() ? body.get("configurations")
                : ConsoleSimulator.JSON.createObjectNode();
        ObjectNode stored;
        String pluginVersion;
        if (builtIn != null) {
            ObjectNode i = ConsoleSimulator.JSON.createObjectNode().put("enabled", enabled);
            i.set("configurations", configurations);
            stored = instances.put(plugin, i);
            pluginVersion = builtIn.imageVersion();
        } else {
            custom.put("enabled", enabled).set("configurations", configurations);
            stored = customPlugins.put(plugin, custom);
            pluginVersion = custom.path("pluginVersion").asText();
        }
        ObjectNode answer = instanceOf(stored, plugin, pluginVersion);
        return raw(200, answer != null ? answer : defaultInstance(plugin));
    }

    /** What the console answers for a configured instance; null for one that is disabled and unconfigured. */
    private static ObjectNode instanceOf(ObjectNode stored, String plugin, String pluginVersion) {
        if (stored == null || !stored.path("enabled").asBoolean(false) && stored.path("configurations").isEmpty()) {
            return null;
        }
        ObjectNode i = ConsoleSimulator.JSON.createObjectNode();
        i.put("version", stored.path("version").asText());
        i.put("scope", "GLOBAL").putNull("target");
        i.putObject("targets").putNull("GLOBAL");
        i.put("pluginName", plugin);
        i.put("pluginVersion", pluginVersion).put("internal", false).put("enabled", stored.path("enabled").asBoolean());
        return configured(i, stored.path("configurations"));
    }

    /** An instance answer with its configurations, as JSON and as the YAML the console derives from them. */
    static ObjectNode configured(ObjectNode instance, JsonNode configurations) {
        instance.set("configurations", configurations);
        try {
            instance.put("rawConfigurations", new YAMLMapper().writeValueAsString(configurations));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return instance;
    }

    /** The console's answer for an instance it does not have (or a plugin it does not know): 200, not a 404. */
    private static ObjectNode defaultInstance(String plugin) {
        ObjectNode i = ConsoleSimulator.JSON.createObjectNode();
        i.putNull("version").put("scope", "GLOBAL").putNull("target");
        i.putObject("targets").putNull("GLOBAL");
        i.put("pluginName", plugin).putNull("pluginVersion").put("internal", false).put("enabled", false)
                .putNull("rawConfigurations").putNull("configurations");
        return i;
    }

    // ---- helpers

    /** The console answers a DELETE with 204, whether or not the object was there. */
    private static ConsoleAnswer deleted(boolean ignored) {
        return empty(204);
    }

    private static ObjectNode withoutVersion(JsonNode body) {
        ObjectNode o = ((ObjectNode) body).deepCopy();
        o.remove("version");
        return o;
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode a = ConsoleSimulator.JSON.createArrayNode();
        items.forEach(a::add);
        return a;
    }
}
