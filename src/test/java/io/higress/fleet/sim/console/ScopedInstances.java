package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The console's domain, route and service plugin instances ({@code /v1/{domains|routes|services}/{target}/
 * plugin-instances[/{plugin}]}), as WasmPluginInstancesController serves them: the target must exist for GET, PUT and
 * the list (400 "Unknown domain|route|service: x"; a DELETE is not checked and answers 204), the plugin must be known
 * for PUT (400 "Unsupported plugin: x"), a GET of a missing instance answers 200 with a default instance (disabled,
 * no version), a PUT answers the stored instance raw. A service target must be one {@code /v1/services} lists
 * ({@link ConsoleServices}: "Unknown service: x" otherwise).
 */
final class ScopedInstances {
    private final ConsoleObjects objects;
    private final ConsoleServices services;
    /** By {@code <scope>/<target>/<plugin>}. */
    private final ConsoleCollection stored;

    ScopedInstances(ConsoleObjects objects, ConsoleServices services) {
        this.objects = objects;
        this.services = services;
        this.stored = new ConsoleCollection(objects.versions);
    }

    /** {@code segment}: {@code domains}, {@code routes}, {@code services}; {@code plugin} null for the list. */
    ConsoleAnswer handle(String method, String segment, String target, String plugin, JsonNode body) {
        String scope = switch (segment) {
            case "domains" -> "DOMAIN";
            case "routes" -> "ROUTE";
            case "services" -> "SERVICE";
            default -> null;
        };
        if (scope == null) {
            return empty(404);
        }
        if (!"DELETE".equals(method) && !exists(scope, target)) {
            return invalid("Unknown " + scope.toLowerCase(Locale.ROOT) + ": " + target);
        }
        if (plugin == null) {
            return "GET".equals(method) ? null : empty(405);
        }
        String key = scope + "/" + target + "/" + plugin;
        return switch (method) {
            case "GET" -> {
                ObjectNode s = stored.get(key);
                yield envelope(s != null ? answer(s, scope, target, plugin) : defaults(scope, target, plugin));
            }
            case "PUT" -> put(key, scope, target, plugin, body);
            case "DELETE" -> {
                stored.remove(key);
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    /** The non-internal instances of one target (the list). */
    List<ObjectNode> listed(String segment, String target) {
        String scope = segment.equals("domains") ? "DOMAIN" : segment.equals("routes") ? "ROUTE" : "SERVICE";
        String prefix = scope + "/" + target + "/";
        return stored.all().stream().filter(s -> s.path("key").asText().startsWith(prefix))
                .map(s -> answer(s, scope, target, s.path("key").asText().substring(prefix.length()))).toList();
    }

    /** What the console stores for one instance ({@code enabled}, {@code configurations}, {@code version}), or null. */
    ObjectNode stored(String scope, String target, String plugin) {
        return stored.get(scope + "/" + target + "/" + plugin);
    }

    private boolean exists(String scope, String target) {
        return switch (scope) {
            case "DOMAIN" -> objects.domains.all().stream().anyMatch(d -> target.equals(d.path("name").asText()));
            case "ROUTE" -> objects.routes.get(target) != null;
            default -> services.known(target);
        };
    }

    private ConsoleAnswer put(String key, String scope, String target, String plugin, JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        if (ConsoleObjects.text(body, "pluginName") != null && !plugin.equals(ConsoleObjects.text(body, "pluginName"))) {
            return invalid("Plugin name in the URL doesn't match the one in the body.");
        }
        if (body.path("internal").asBoolean(false)) {
            return invalid("Updating an internal Wasm plugin instance is not allowed.");
        }
        if (pluginVersion(plugin) == null) {
            return invalid("Unsupported plugin: " + plugin);
        }
        ObjectNode s = ConsoleSimulator.JSON.createObjectNode().put("key", key)
                .put("enabled", body.path("enabled").asBoolean(false));
        s.set("configurations", body.path("configurations").isObject() ? body.get("configurations")
                : ConsoleSimulator.JSON.createObjectNode());
        return raw(200, answer(stored.put(key, s), scope, target, plugin));
    }

    private String pluginVersion(String plugin) {
        BuiltInPlugins.Plugin builtIn = BuiltInPlugins.named(plugin);
        if (builtIn != null) {
            return builtIn.imageVersion();
        }
        ObjectNode custom = objects.customPlugins.get(plugin);
        return custom == null ? null : custom.path("pluginVersion").asText();
    }

    private ObjectNode answer(ObjectNode s, String scope, String target, String plugin) {
        ObjectNode i = ConsoleSimulator.JSON.createObjectNode();
        i.put("version", s.path("version").asText());
        i.put("scope", scope).put("target", target);
        i.putObject("targets").put(scope, target);
        i.put("pluginName", plugin).put("pluginVersion", pluginVersion(plugin)).put("internal", false)
                .put("enabled", s.path("enabled").asBoolean());
        return ConsoleObjects.configured(i, s.path("configurations"));
    }

    private static ObjectNode defaults(String scope, String target, String plugin) {
        ObjectNode i = ConsoleSimulator.JSON.createObjectNode();
        i.putNull("version").put("scope", scope).put("target", target);
        i.putObject("targets").put(scope, target);
        i.put("pluginName", plugin).putNull("pluginVersion").put("internal", false).put("enabled", false)
                .putNull("rawConfigurations").putNull("configurations");
        return i;
    }
}
