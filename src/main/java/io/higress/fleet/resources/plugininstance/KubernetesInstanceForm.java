package io.higress.fleet.resources.plugininstance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.plugininstance.PluginInstanceSpec.Scope;
import io.higress.fleet.resources.shared.BuiltInPlugin;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.PluginInstances;
import io.higress.fleet.resources.shared.PluginInstances.Instance;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance in Kubernetes, as the console's WasmPluginInstanceServiceImpl writes it into the plugin's WasmPlugin
 * ({@link PluginInstances}: GLOBAL = {@code defaultConfig} / {@code defaultConfigDisable}, the other scopes a
 * {@code matchRules} entry with {@code domain}, {@code ingress} or {@code service} and {@code configDisable}). The
 * WasmPlugin is the console's {@code <plugin>-<version>} for a built-in plugin (created as the console creates it),
 * else the one named {@code <plugin>} (a custom plugin: it must exist, {@code /api/v1/plugins} writes it). A delete
 * removes the rule (GLOBAL: disabled and unconfigured); the WasmPlugin stays.
 */
final class KubernetesInstanceForm implements KubernetesForm<PluginInstanceSpec> {
    private static final KubernetesType WASM_PLUGIN = ConsolePlugins.WASM_PLUGIN;

    @Override
    public List<KubernetesType> types() {
        return List.of(WASM_PLUGIN);
    }

    @Override
    public Uni<Copy<PluginInstanceSpec>> read(StoreReads reads, String namespace, String name,
            PluginInstanceSpec desired) {
        InstanceName n = InstanceName.parse(name);
        return reads.list(WASM_PLUGIN, namespace).map(all -> copy(n == null ? null : holder(all, n.plugin()),
                namespace, name));
    }

    @Override
    public Uni<List<Copy<PluginInstanceSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(WASM_PLUGIN, namespace).map(all -> {
            Map<String, Copy<PluginInstanceSpec>> out = new LinkedHashMap<>();
            for (StoredObject cr : all) {
                String plugin = pluginOf(cr);
                if (plugin == null || holder(all, plugin) != cr) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                names.add(PluginInstanceSpec.nameOf(plugin, Scope.GLOBAL, null));
                PluginInstances.rules(cr.body()).forEach(r -> {
                    InstanceName n = single(plugin, r.getKey());
                    if (n != null) {
                        names.add(PluginInstanceSpec.nameOf(plugin, n.scope(), n.target()));
                    }
                });
                names.forEach(x -> out.computeIfAbsent(x, k -> copy(cr, namespace, k)));
            }
            return out.values().stream().filter(Copy::exists).toList();
        });
    }

    /** The plugin a WasmPlugin holds instances of (console's label, else its name); null for internal ones. */
    private static String pluginOf(StoredObject cr) {
        if (cr.address().name().endsWith(ConsolePlugins.INTERNAL_SUFFIX)) {
            return null;
        }
        String label = cr.body().path("metadata").path("labels").path("higress.io/wasm-plugin-name").asText(null);
        return label != null ? label : cr.address().name();
    }

    /** The WasmPlugin holding the plugin's instances: the console's for a built-in plugin, else {@code <plugin>}. */
    private static StoredObject holder(List<StoredObject> all, String plugin) {
        BuiltInPlugin builtIn = BuiltInPlugin.named(plugin).orElse(null);
        if (builtIn != null) {
            return ConsolePlugins.find(all, builtIn, false);
        }
        return all.stream().filter(o -> o.address().name().equals(plugin)).findFirst().orElse(null);
    }

    /** A rule's targets as one instance name, when it names one target of one scope. */
    private static InstanceName single(String plugin, Targets t) {
        int given = (t.domain() != null ? 1 : 0) + (t.ingress() != null ? 1 : 0) + (t.service() != null ? 1 : 0);
        if (given != 1) {
            return null;
        }
        return t.domain() != null ? new InstanceName(plugin, Scope.DOMAIN, t.domain())
                : t.ingress() != null ? new InstanceName(plugin, Scope.ROUTE, t.ingress())
                : new InstanceName(plugin, Scope.SERVICE, t.service());
    }

    @SuppressWarnings("unchecked")
    private static Copy<PluginInstanceSpec> copy(StoredObject cr, String namespace, String name) {
        InstanceName n = InstanceName.parse(name);
        if (cr == null || n == null) {
            return Copy.absentEntry(namespace, name, cr == null ? List.of() : List.of(cr), List.of());
        }
        Instance i = PluginInstances.get(cr.body(), n.targets());
        if (i == null) {
            return Copy.absentEntry(namespace, name, List.of(cr), List.of());
        }
        PluginInstanceSpec spec = new PluginInstanceSpec(name, n.plugin(), n.scope(), n.target(), i.enabled(),
                i.config().isEmpty() ? null : Json.MAPPER.convertValue(i.config(), Map.class), namespace);
        return new Copy<>(namespace, name, spec, List.of(cr), List.of(), true, cr.version(), true);
    }

    @Override
    public List<Part> parts(PluginInstanceSpec spec, String namespace, Copy<PluginInstanceSpec> current) {
        InstanceName n = InstanceName.parse(spec.name());
        Workspace w = new Workspace().load(current.parts());
        ObjectNode cr;
        if (!current.parts().isEmpty()) {
            cr = w.edit(current.parts().get(0).address());
        } else {
            BuiltInPlugin builtIn = BuiltInPlugin.named(n.plugin()).orElseThrow(() -> new ProblemException(
                    Problem.invalid("plugin", "the plugin " + n.plugin() + " has no WasmPlugin in this namespace: "
                            + "create it first (POST /api/v1/plugins)")));
            cr = w.put(ConsolePlugins.address(builtIn, false, namespace),
                    ConsolePlugins.create(builtIn, false, namespace));
        }
        ObjectNode config = spec.config() == null ? Json.MAPPER.createObjectNode() : (ObjectNode) Json.tree(spec.config());
        PluginInstances.set(cr, n.targets(), spec.enabled() == null || spec.enabled(), config);
        return w.parts(a -> null);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<PluginInstanceSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectNode cr = w.edit(current.parts().get(0).address());
        PluginInstances.remove(cr, InstanceName.parse(current.name()).targets());
        return w.parts(a -> null);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<PluginInstanceSpec> current) {
        InstanceName n = InstanceName.parse(current.name());
        Copy<PluginInstanceSpec> then = copy(StoredObject.first(previous, WASM_PLUGIN), namespace, current.name());
        return Workspace.restoredEntry(this, then.exists() && n != null ? then.spec() : null, namespace, current,
                a -> null);
    }
}
