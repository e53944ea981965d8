package io.higress.fleet.resources.ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.higress.fleet.resources.ai.InvalidProvider;
import io.higress.fleet.resources.ai.ProviderEntry;
import io.higress.fleet.resources.ai.ProviderService;
import io.higress.fleet.resources.shared.BridgeRegistries;
import io.higress.fleet.resources.shared.BuiltInPlugin;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.PluginInstances;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.higress.fleet.resources.shared.Workspace;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A provider in Kubernetes, as the console's LlmProviderServiceImpl writes it, in two shared objects:
 * <ul>
 * <li>WasmPlugin {@code ai-proxy.internal}: its entry in the GLOBAL instance's {@code providers} (the instance
 * enabled), and a SERVICE instance (a match rule for {@code llm-<name>.internal.dns}, or the OpenAI custom service)
 * with {@code activeProviderId: <name>}; a rule of the provider for another service goes; a service already bound to
 * another provider is refused (400), as the console refuses it;</li>
 * <li>McpBridge {@code default}: the registry {@code llm-<name>.internal} (dns, or static for IP endpoints) with the
 * provider's {@code proxyName}, plus vertex's {@code vertex-auth.internal}.</li>
 * </ul>
 * A delete removes the entry, the service instance and the registry (vertex's auth source stays), and disables the
 * GLOBAL instance when no provider is left. Entries have nowhere to carry the fleet's mark: they count as the
 * fleet's. The console's re-save of the AI routes using an openai, ollama, claude or vllm provider is not this
 * form's: the applier does it after the write ({@code ProviderKind#changesDerived}).
 */
final class KubernetesProviderForm implements KubernetesForm<ProviderSpec> {
    private static final KubernetesType WASM_PLUGIN = ConsolePlugins.WASM_PLUGIN;
    static final String ACTIVE = "activeProviderId";

    @Override
    public List<KubernetesType> types() {
        return List.of(WASM_PLUGIN, BridgeRegistries.MCP_BRIDGE);
    }

    @Override
    public Uni<Copy<ProviderSpec>> read(StoreReads reads, String namespace, String name, ProviderSpec desired) {
        return shared(reads, namespace).map(s -> s.copy(namespace, name));
    }

    @Override
    public Uni<List<Copy<ProviderSpec>>> list(StoreReads reads, String namespace) {
        return shared(reads, namespace).map(s -> s.entries().stream()
                .map(e -> s.copy(namespace, e.path(ProviderEntry.ID).asText()))
                .filter(Copy::exists).toList());
    }

    private Uni<Shared> shared(StoreReads reads, String namespace) {
        return Uni.combine().all().unis(reads.list(WASM_PLUGIN, namespace),
                reads.get(BridgeRegistries.address(namespace))).asTuple()
                .map(t -> new Shared(ConsolePlugins.find(t.getItem1(), BuiltInPlugin.AI_PROXY, true), t.getItem2()));
    }

    /** The two shared objects as read: the ai-proxy WasmPlugin and the bridge (each may be null). */
    @RegisterForReflection
    private record Shared(StoredObject plugin, StoredObject bridge) {

        List<StoredObject> parts() {
            return Stream.of(plugin, bridge).filter(Objects::nonNull).toList();
        }

        List<JsonNode> entries() {
            List<JsonNode> out = new ArrayList<>();
            if (plugin != null) {
                PluginInstances.Instance global = PluginInstances.get(plugin.body(), Targets.GLOBAL);
                if (global != null) {
                    global.config().path(ProviderEntry.PROVIDERS).forEach(out::add);
                }
            }
            return out;
        }

        Copy<ProviderSpec> copy(String namespace, String name) {
            for (JsonNode e : entries()) {
                if (name.equals(e.path(ProviderEntry.ID).asText(null))) {
                    ProviderSpec spec = Providers.spec(e, proxyName(name), namespace);
                    if (spec != null) {
                        return new Copy<>(namespace, name, spec, parts(), List.of(), true,
                                plugin.version(), true);
                    }
                }
            }
            return Copy.absentEntry(namespace, name, parts(), List.of());
        }

        private String proxyName(String provider) {
            JsonNode r = bridge == null ? null
                    : BridgeRegistries.find(bridge.body(), ProviderEntry.sourceName(provider));
            return r == null ? null : r.path("proxyName").asText(null);
        }
    }

    @Override
    public List<Part> parts(ProviderSpec spec, String namespace, Copy<ProviderSpec> current) {
        ObjectNode entry;
        List<ObjectNode> sources;
        ProviderService upstream;
        try {
            entry = Providers.entry(spec);
            sources = Providers.derived(spec.name(), entry);
            upstream = Providers.upstream(spec.name(), entry);
        } catch (InvalidProvider e) {
            throw e.problem();
        }
        Workspace w = new Workspace().load(current.parts());
        ObjectNode cr = aiProxy(w, current, namespace);
        PluginInstances.Instance global = PluginInstances.get(cr, Targets.GLOBAL);
        ObjectNode config = global == null ? Json.MAPPER.createObjectNode() : global.config();
        ArrayNode providers = config.get(ProviderEntry.PROVIDERS) instanceof ArrayNode a ? a
                : config.putArray(ProviderEntry.PROVIDERS);
        int at = indexOf(providers, spec.name());
        if (at >= 0) {
            providers.set(at, entry);
        } else {
            providers.add(entry);
        }
        PluginInstances.set(cr, Targets.GLOBAL, true, config);
        bindService(cr, spec.name(), upstream);
        ObjectNode bridge = BridgeRegistries.bridge(w, namespace);
        for (ObjectNode s : sources) {
            if (spec.proxyName() != null) {
                s.put("proxyName", spec.proxyName());
            }
            BridgeRegistries.upsert(bridge, s);
        }
        return w.parts(Workspace::label);
    }

    /** The provider's SERVICE instance: refused on a service bound to another provider; its old rules go. */
    private static void bindService(ObjectNode cr, String provider, ProviderService upstream) {
        boolean bound = false;
        for (Map.Entry<Targets, PluginInstances.Instance> rule : PluginInstances.rules(cr)) {
            String active = rule.getValue().config().path(ACTIVE).asText(null);
            if (upstream.name().equals(rule.getKey().service()) && !provider.equals(active)) {
                throw new ProblemException(Problem.invalid("rawConfigs", "the service " + upstream.name()
                        + " is bound to provider " + active + " already: it cannot be bound to " + provider));
            }
            if (provider.equals(active)) {
                if (upstream.name().equals(rule.getKey().service())) {
                    bound = true;
                } else {
                    PluginInstances.remove(cr, rule.getKey());
                }
            }
        }
        if (!bound) {
            ObjectNode config = Json.MAPPER.createObjectNode().put(ACTIVE, provider);
            PluginInstances.set(cr, Targets.service(upstream.name()), true, config);
        }
    }

    @Override
    public List<Part> remainder(String namespace, Copy<ProviderSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectNode cr = aiProxy(w, current, namespace);
        PluginInstances.Instance global = PluginInstances.get(cr, Targets.GLOBAL);
        ArrayNode providers = (ArrayNode) global.config().get(ProviderEntry.PROVIDERS);
        int at = indexOf(providers, current.name());
        ObjectNode entry = (ObjectNode) providers.get(at);
        providers.remove(at);
        PluginInstances.set(cr, Targets.GLOBAL, !providers.isEmpty(), global.config());
        try {
            PluginInstances.remove(cr, Targets.service(Providers.upstream(current.name(), entry).name()));
            ObjectNode bridge = w.edit(BridgeRegistries.address(namespace));
            if (bridge != null && ProviderEntry.ownSource(Providers.type(entry), entry)) {
                BridgeRegistries.remove(bridge, ProviderEntry.sourceName(current.name()));
            }
        } catch (InvalidProvider e) { // an entry written by hand, without an endpoint: nothing was derived
        }
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<ProviderSpec> current) {
        StoredObject plugin = ConsolePlugins.find(previous.stream()
                .filter(o -> o.address().type().equals(WASM_PLUGIN)).toList(), BuiltInPlugin.AI_PROXY, true);
        StoredObject bridge = StoredObject.first(previous, BridgeRegistries.MCP_BRIDGE);
        Copy<ProviderSpec> before = new Shared(plugin, bridge).copy(namespace, current.name());
        return Workspace.restoredEntry(this, before.exists() ? before.spec() : null, namespace, current,
                Workspace::label);
    }

    /** The ai-proxy WasmPlugin to edit: the one among the copy's parts (found by its labels), else a new one. */
    private static ObjectNode aiProxy(Workspace w, Copy<ProviderSpec> current, String namespace) {
        StoredObject found = ConsolePlugins.find(current.parts(), BuiltInPlugin.AI_PROXY, true);
        if (found != null) {
            return w.edit(found.address());
        }
        ObjectAddress address = ConsolePlugins.address(BuiltInPlugin.AI_PROXY, true, namespace);
        return w.put(address, ConsolePlugins.create(BuiltInPlugin.AI_PROXY, true, namespace));
    }

    private static int indexOf(ArrayNode providers, String name) {
        for (int i = 0; i < providers.size(); i++) {
            if (name.equals(providers.get(i).path(ProviderEntry.ID).asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
