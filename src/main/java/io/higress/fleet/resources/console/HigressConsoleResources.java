package io.higress.fleet.resources.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.RouteSpec;
import io.higress.fleet.upstream.console.HigressConsoleClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ConsoleResources} over {@link HigressConsoleClient}: the console's endpoints and the mappings. */
@ApplicationScoped
public class HigressConsoleResources implements ConsoleResources {
    static final String ROUTES = "/v1/routes";
    static final String PLUGINS = "/v1/wasm-plugins";
    static final String GLOBAL_INSTANCES = "/v1/global/plugin-instances";
    static final String SOURCES = "/v1/service-sources";
    public static final String CONSOLE_BRIDGE = "default";

    private final HigressConsoleClient console;
    private final ConsoleRouteMapping routes;
    private final ConsolePluginMapping plugins = new ConsolePluginMapping();
    private final ConsoleSourceMapping sources = new ConsoleSourceMapping();

    public HigressConsoleResources(HigressConsoleClient console, FleetConfig config) {
        this.console = console;
        this.routes = new ConsoleRouteMapping(config.resources().namespace());
    }

    @Override
    public Uni<Versioned<RouteSpec>> getRoute(String cluster, String name) {
        return console.get(cluster, ROUTES + "/" + name).map(r -> new Versioned<>(routes.fromConsole(r), version(r)));
    }

    @Override
    public Uni<List<Versioned<RouteSpec>>> listRoutes(String cluster) {
        return console.list(cluster, ROUTES).map(all -> all.stream()
                .map(r -> new Versioned<>(routes.fromConsole(r), version(r))).toList());
    }

    @Override
    public Uni<ConsoleWrite> applyRoute(String cluster, RouteSpec route, String expectedVersion) {
        ObjectNode desired = routes.toConsole(route);
        String path = ROUTES + "/" + route.name();
        return console.find(cluster, path).flatMap(current -> {
            if (current.isEmpty()) {
                return console.post(cluster, ROUTES, desired).map(r -> write(route.name(), WriteStatus.CREATED, r));
            }
            JsonNode now = current.get();
            if (routes.same(now, desired) && (expectedVersion == null || expectedVersion.equals(version(now)))) {
                return Uni.createFrom().item(new ConsoleWrite(route.name(), WriteStatus.UNCHANGED, version(now)));
            }
            ObjectNode body = routes.onto(now, desired);
            body.put("version", expectedVersion != null ? expectedVersion : version(now));
            return console.put(cluster, path, body).map(r -> write(route.name(), WriteStatus.UPDATED, r));
        });
    }

    @Override
    public Uni<ConsoleWrite> deleteRoute(String cluster, String name) {
        return console.delete(cluster, ROUTES + "/" + name).replaceWith(new ConsoleWrite(name, WriteStatus.DELETED, null));
    }

    @Override
    public Uni<Versioned<PluginSpec>> getPlugin(String cluster, String name) {
        return console.get(cluster, PLUGINS + "/" + name).flatMap(definition -> instance(cluster, name)
                .map(instance -> {
                    if (!inUse(definition, instance)) {
                        throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "plugin " + name
                                + " is built into the console of cluster " + cluster + " but not in use")
                                .withTarget(cluster, null));
                    }
                    return new Versioned<>(plugins.fromConsole(definition, instance), version(definition));
                }));
    }

    @Override
    public Uni<List<Versioned<PluginSpec>>> listPlugins(String cluster) {
        return console.list(cluster, PLUGINS).flatMap(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(definition -> {
                    String name = definition.path("name").asText();
                    return instance(cluster, name).map(instance -> inUse(definition, instance)
                            ? Optional.of(new Versioned<>(plugins.fromConsole(definition, instance), version(definition)))
                            : Optional.<Versioned<PluginSpec>>empty());
                })
                .select().where(Optional::isPresent).map(Optional::get)
                .collect().asList());
    }

    /** Built-ins are all listed by the console; only those in use are the fleet's business. */
    private static boolean inUse(JsonNode definition, JsonNode instance) {
        return !ConsolePluginMapping.builtIn(definition) || inUse(instance);
    }

    private static boolean inUse(JsonNode instance) {
        return instance.path("enabled").asBoolean(false) || !instance.path("configurations").isEmpty();
    }

    @Override
    public Uni<ConsoleWrite> applyPlugin(String cluster, PluginSpec plugin) {
        plugins.checkSupported(plugin);
        String name = plugin.name();
        ObjectNode desired = plugins.instance(name, !Boolean.FALSE.equals(plugin.enabled()), plugin.config());
        return console.find(cluster, PLUGINS + "/" + name)
                .flatMap(found -> definition(cluster, plugin, found.orElse(null)))
                .flatMap(defined -> instance(cluster, name).flatMap(current -> {
                    boolean instanceChanged = !JsonFields.containsAll(current, desired);
                    WriteStatus status = defined.status() == WriteStatus.CREATED || !inUse(current)
                            ? WriteStatus.CREATED
                            : defined.status() == WriteStatus.UPDATED || instanceChanged ? WriteStatus.UPDATED
                            : WriteStatus.UNCHANGED;
                    Uni<?> write = instanceChanged ? console.put(cluster, GLOBAL_INSTANCES + "/" + name, desired)
                            : Uni.createFrom().voidItem();
                    return write.replaceWith(new ConsoleWrite(name, status, defined.resourceVersion()));
                }));
    }

    /**
     * Creates or updates a custom plugin's definition (CREATED / UPDATED / UNCHANGED); a built-in one is left as the
     * console has it (UNCHANGED).
     */
    private Uni<ConsoleWrite> definition(String cluster, PluginSpec plugin, JsonNode current) {
        String name = plugin.name();
        if (plugin.url() == null) {
            if (current == null || !ConsolePluginMapping.builtIn(current)) {
                throw new ProblemException(Problem.invalid("url", "required: the console of cluster " + cluster
                        + " has no built-in plugin named " + name).withTarget(cluster, null));
            }
            return Uni.createFrom().item(new ConsoleWrite(name, WriteStatus.UNCHANGED, version(current)));
        }
        ObjectNode desired = plugins.definition(plugin);
        if (current == null) {
            return console.post(cluster, PLUGINS, desired).map(r -> write(name, WriteStatus.CREATED, r));
        }
        if (ConsolePluginMapping.builtIn(current)) {
            throw new ProblemException(Problem.invalid("url", name + " is a built-in plugin of the console of cluster "
                    + cluster + ": leave url out to configure it").withTarget(cluster, null));
        }
        if (JsonFields.containsAll(current, desired)) {
            return Uni.createFrom().item(new ConsoleWrite(name, WriteStatus.UNCHANGED, version(current)));
        }
        ObjectNode body = ((ObjectNode) current).deepCopy().setAll(desired);
        body.put("version", version(current));
        return console.put(cluster, PLUGINS + "/" + name, body).map(r -> write(name, WriteStatus.UPDATED, r));
    }

    @Override
    public Uni<ConsoleWrite> setPluginEnabled(String cluster, String name, boolean enabled) {
        return console.get(cluster, PLUGINS + "/" + name).flatMap(definition -> instance(cluster, name)
                .flatMap(current -> {
                    if (current.path("enabled").asBoolean(false) == enabled) {
                        return Uni.createFrom().item(new ConsoleWrite(name, WriteStatus.UNCHANGED, version(definition)));
                    }
                    ObjectNode body = current.isObject() ? ((ObjectNode) current).deepCopy()
                            : plugins.instance(name, enabled, Map.of());
                    body.put("enabled", enabled);
                    return console.put(cluster, GLOBAL_INSTANCES + "/" + name, body)
                            .replaceWith(new ConsoleWrite(name, WriteStatus.UPDATED, version(definition)));
                }));
    }

    @Override
    public Uni<ConsoleWrite> deletePlugin(String cluster, String name) {
        return console.get(cluster, PLUGINS + "/" + name).flatMap(definition -> {
            Uni<Void> instance = console.delete(cluster, GLOBAL_INSTANCES + "/" + name);
            Uni<Void> all = ConsolePluginMapping.builtIn(definition) ? instance
                    : instance.flatMap(v -> console.delete(cluster, PLUGINS + "/" + name));
            return all.replaceWith(new ConsoleWrite(name, WriteStatus.DELETED, null));
        });
    }

    /** The global instance; the console answers a missing one as {@code {enabled:false}}. */
    private Uni<JsonNode> instance(String cluster, String name) {
        return console.get(cluster, GLOBAL_INSTANCES + "/" + name);
    }

    @Override
    public Uni<McpBridgeSpec> getBridge(String cluster) {
        return console.list(cluster, SOURCES).map(all -> sources.fromConsole(CONSOLE_BRIDGE, all));
    }

    @Override
    public Uni<List<ConsoleWrite>> applyBridge(String cluster, McpBridgeSpec bridge) {
        return Multi.createFrom().iterable(sources.toConsole(bridge))
                .onItem().transformToUniAndConcatenate(desired -> applySource(cluster, desired))
                .collect().asList();
    }

    private Uni<ConsoleWrite> applySource(String cluster, ObjectNode desired) {
        String name = desired.get("name").asText();
        String path = SOURCES + "/" + name;
        return console.find(cluster, path).flatMap(current -> {
            if (current.isEmpty()) {
                return console.post(cluster, SOURCES, desired).map(r -> write(name, WriteStatus.CREATED, r));
            }
            if (JsonFields.containsAll(current.get(), desired)) {
                return Uni.createFrom().item(new ConsoleWrite(name, WriteStatus.UNCHANGED, version(current.get())));
            }
            ObjectNode body = ((ObjectNode) current.get()).deepCopy().setAll(desired);
            return console.put(cluster, path, body).map(r -> write(name, WriteStatus.UPDATED, r));
        });
    }

    @Override
    public Uni<List<ConsoleWrite>> deleteRegistries(String cluster, List<String> registryNames) {
        return Multi.createFrom().iterable(registryNames)
                .onItem().transformToUniAndConcatenate(name -> console.delete(cluster, SOURCES + "/" + name)
                        .replaceWith(new ConsoleWrite(name, WriteStatus.DELETED, null)))
                .collect().asList();
    }

    private static ConsoleWrite write(String name, WriteStatus status, JsonNode answer) {
        return new ConsoleWrite(name, status, version(answer));
    }

    private static String version(JsonNode o) {
        JsonNode v = o.path("version");
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
