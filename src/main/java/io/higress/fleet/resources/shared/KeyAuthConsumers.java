package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consumer list of the {@code key-auth.internal} WasmPlugin, as the console's ConsumerServiceImpl and
 * KeyAuthCredentialHandler keep it: the GLOBAL instance's {@code consumers[{name, keys, in_header, in_query,
 * credentials}]}, created with {@code global_auth: false, allow: [], keys: ["x-higress-dummy-key"], consumers: []}
 * (initDefaultGlobalConfigs) and enabled by every save; the route / domain / service instances' {@code allow} lists
 * name the consumers a target admits.
 */
public final class KeyAuthConsumers {
    public static final String CONSUMERS = "consumers";
    public static final String NAME = "name";
    public static final String KEYS = "keys";
    public static final String IN_HEADER = "in_header";
    public static final String IN_QUERY = "in_query";
    public static final String CREDENTIALS = "credentials";
    /** The plugin's older single credential, still read by the console (KeyAuthConfig.CONSUMER_CREDENTIAL). */
    public static final String CREDENTIAL = "credential";
    public static final String ALLOW = "allow";
    static final String GLOBAL_AUTH = "global_auth";
    /** The console adds it because the plugin needs at least one global key (its "TODO: remove after upgrade"). */
    static final String DUMMY_KEY = "x-higress-dummy-key";

    private KeyAuthConsumers() {
    }

    /** The key-auth.internal WasmPlugin among {@code stored} (found by its labels, as the console finds it), or null. */
    public static StoredObject find(List<StoredObject> stored) {
        return ConsolePlugins.find(stored, BuiltInPlugin.KEY_AUTH, true);
    }

    /** The plugin to edit: the one loaded in the workspace from {@code stored}, else a new one. */
    public static ObjectNode plugin(Workspace w, List<StoredObject> stored, String namespace) {
        StoredObject found = find(stored);
        if (found != null) {
            return w.edit(found.address());
        }
        ObjectAddress address = ConsolePlugins.address(BuiltInPlugin.KEY_AUTH, true, namespace);
        return w.put(address, ConsolePlugins.create(BuiltInPlugin.KEY_AUTH, true, namespace));
    }

    /** The consumer entries of the GLOBAL instance, in order (objects only). */
    public static List<ObjectNode> entries(JsonNode cr) {
        List<ObjectNode> out = new ArrayList<>();
        cr.path("spec").path("defaultConfig").path(CONSUMERS).forEach(e -> {
            if (e instanceof ObjectNode o) {
                out.add(o);
            }
        });
        return out;
    }

    /** The entry named so, or null. */
    public static ObjectNode entry(JsonNode cr, String name) {
        return entries(cr).stream().filter(e -> name.equals(e.path(NAME).asText(null))).findFirst().orElse(null);
    }

    /**
     * Saves a consumer's entry as saveConsumer does: the fields of {@code entry} over those of the entry of that name
     * (its other fields kept, the deprecated {@code credential} dropped) or appended; {@code global_auth} false; the
     * GLOBAL instance enabled (created with the console's defaults when it has no configuration).
     */
    public static void upsert(ObjectNode cr, ObjectNode entry) {
        PluginInstances.Instance global = PluginInstances.get(cr, Targets.GLOBAL);
        ObjectNode config = global == null || global.config().isEmpty() ? defaults() : global.config();
        ArrayNode consumers = config.get(CONSUMERS) instanceof ArrayNode a ? a : config.putArray(CONSUMERS);
        String name = entry.path(NAME).asText();
        ObjectNode target = null;
        for (JsonNode e : consumers) {
            if (e instanceof ObjectNode o && name.equals(o.path(NAME).asText(null))) {
                target = o;
                break;
            }
        }
        if (target == null) {
            target = consumers.addObject();
        }
        target.setAll(entry);
        target.remove(CREDENTIAL);
        config.put(GLOBAL_AUTH, false);
        PluginInstances.set(cr, Targets.GLOBAL, true, config);
    }

    /** Removes the entries of that name (the instance's enabled state kept, as deleteConsumer); whether any was. */
    public static boolean remove(ObjectNode cr, String name) {
        PluginInstances.Instance global = PluginInstances.get(cr, Targets.GLOBAL);
        if (global == null || !(global.config().get(CONSUMERS) instanceof ArrayNode consumers)) {
            return false;
        }
        boolean removed = false;
        for (int i = consumers.size() - 1; i >= 0; i--) {
            if (name.equals(consumers.get(i).path(NAME).asText(null))) {
                consumers.remove(i);
                removed = true;
            }
        }
        if (removed) {
            PluginInstances.set(cr, Targets.GLOBAL, global.enabled(), global.config());
        }
        return removed;
    }

    /**
     * ConsumerService.updateAllowList(REPLACE) at a route or other target: its {@code allow} list set to
     * {@code consumers} (not an array: removed), the instance enabled as given (null: as it was); when enabled and
     * the plugin has no GLOBAL instance, that one is created with the console's defaults.
     */
    public static void allow(ObjectNode cr, Targets target, Boolean enabled, JsonNode consumers) {
        PluginInstances.Instance now = PluginInstances.get(cr, target);
        boolean on = enabled != null ? enabled : now != null && now.enabled();
        ObjectNode config = now == null ? Json.MAPPER.createObjectNode() : now.config();
        if (consumers != null && consumers.isArray()) {
            config.set(ALLOW, consumers.deepCopy());
        } else {
            config.remove(ALLOW);
        }
        PluginInstances.set(cr, target, on, config);
        if (on && PluginInstances.get(cr, Targets.GLOBAL) == null) {
            PluginInstances.set(cr, Targets.GLOBAL, true, defaults());
        }
    }

    /** The targets whose {@code allow} list names the consumer (the GLOBAL instance's too: isConsumerInUse). */
    public static List<Targets> allowing(JsonNode cr, String consumer) {
        List<Targets> out = new ArrayList<>();
        if (cr instanceof ObjectNode o) {
            PluginInstances.Instance global = PluginInstances.get(o, Targets.GLOBAL);
            if (global != null && allows(global.config(), consumer)) {
                out.add(Targets.GLOBAL);
            }
            for (Map.Entry<Targets, PluginInstances.Instance> rule : PluginInstances.rules(o)) {
                if (allows(rule.getValue().config(), consumer)) {
                    out.add(rule.getKey());
                }
            }
        }
        return out;
    }

    private static boolean allows(JsonNode config, String consumer) {
        for (JsonNode n : config.path(ALLOW)) {
            if (consumer.equals(n.asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode defaults() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put(GLOBAL_AUTH, false);
        c.putArray(ALLOW);
        c.putArray(KEYS).add(DUMMY_KEY);
        c.putArray(CONSUMERS);
        return c;
    }
}
