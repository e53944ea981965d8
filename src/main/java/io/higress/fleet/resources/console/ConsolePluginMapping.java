package io.higress.fleet.resources.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.PluginValidator;
import io.higress.fleet.upstream.console.ConsoleJson;
import java.util.Map;

/**
 * plugin ⇄ the console's two objects: the plugin definition ({@code /v1/wasm-plugins}: image, phase, priority) and
 * its GLOBAL instance ({@code /v1/global/plugin-instances/{name}}: {@code enabled} + {@code configurations}, the
 * equivalent of a WasmPlugin's {@code defaultConfig} / {@code defaultConfigDisable}).
 * <ul>
 * <li>A plugin without {@code url} must be one of the console's built-in plugins; only its instance is written.
 * The console fixes built-ins' image, phase and priority, so those fields of the request do not apply to them
 * (reads show the console's values).</li>
 * <li>{@code url} {@code oci://repo/name:tag} → {@code imageRepository oci://repo/name} + {@code imageVersion tag}
 * (no tag: {@code latest}).</li>
 * <li>{@code matchRules} are per route/domain instances in the console: not supported here (400).</li>
 * </ul>
 */
public final class ConsolePluginMapping {

    public ObjectNode definition(PluginSpec p) {
        if (p.url() == null) {
            throw new IllegalArgumentException("a custom console plugin needs a url");
        }
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("title", p.name());
        o.put("description", "managed by higress-fleet");
        int slash = p.url().lastIndexOf('/');
        int colon = p.url().lastIndexOf(':');
        boolean tagged = colon > slash && slash >= 0;
        o.put("imageRepository", tagged ? p.url().substring(0, colon) : p.url());
        o.put("imageVersion", tagged ? p.url().substring(colon + 1) : "latest");
        o.put("phase", p.phase() != null ? PluginValidator.canonicalPhase(p.phase()) : "UNSPECIFIED_PHASE");
        if (p.priority() != null) {
            o.put("priority", p.priority());
        }
        return o;
    }

    public ObjectNode instance(String name, boolean enabled, Map<String, Object> config) {
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("scope", "GLOBAL");
        o.put("pluginName", name);
        o.put("enabled", enabled);
        o.set("configurations", config == null ? ConsoleJson.MAPPER.createObjectNode()
                : ConsoleJson.MAPPER.valueToTree(config));
        return o;
    }

    public void checkSupported(PluginSpec p) {
        if (p.matchRules() != null && !p.matchRules().isEmpty()) {
            throw new ProblemException(Problem.invalid("matchRules", "not supported on console-managed clusters: the "
                    + "console keeps per-route and per-domain configuration as separate plugin instances"));
        }
    }

    @SuppressWarnings("unchecked")
    public PluginSpec fromConsole(JsonNode definition, JsonNode instance) {
        String repo = definition.path("imageRepository").asText(null);
        String tag = definition.path("imageVersion").asText(null);
        JsonNode conf = instance.path("configurations");
        return new PluginSpec(
                definition.path("name").asText(),
                PluginSpec.TYPE,
                definition.path("phase").asText(null),
                definition.path("priority").isNumber() ? definition.get("priority").asInt() : null,
                conf.isObject() ? ConsoleJson.MAPPER.convertValue(conf, Map.class) : null,
                repo == null ? null : tag == null ? repo : repo + ":" + tag,
                null,
                instance.path("enabled").asBoolean(false),
                null);
    }

    public static boolean builtIn(JsonNode definition) {
        return definition.path("builtIn").asBoolean(false);
    }
}
