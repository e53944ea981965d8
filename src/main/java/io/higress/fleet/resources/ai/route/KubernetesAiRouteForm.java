package io.higress.fleet.resources.ai.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.shared.BuiltInPlugin;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An AI route in Kubernetes, as AiRouteServiceImpl writes it: its own ConfigMap, Ingress(es) and fallback
 * EnvoyFilter ({@link AiRouteObjects}), and its instances in the console's shared WasmPlugins
 * ({@link AiRouteInstances}). Since it is partly entries in shared objects, its copies are compared on the facade
 * model; a delete deletes its own objects and removes its route instances (the model-router's global instance
 * stays, as in the console); a rollback writes the route as it was over what the shared objects hold now.
 * The {@code ai-proxy} WasmPlugin is read (not written) for the providers' upstream services.
 */
final class KubernetesAiRouteForm implements KubernetesForm<AiRouteSpec> {
    private static final KubernetesType WASM_PLUGIN = ConsolePlugins.WASM_PLUGIN;

    @Override
    public List<KubernetesType> types() {
        return List.of(AiRouteObjects.CONFIG_MAP, AiRouteObjects.INGRESS, AiRouteObjects.ENVOY_FILTER, WASM_PLUGIN);
    }

    @Override
    public Uni<Copy<AiRouteSpec>> read(StoreReads reads, String namespace, String name, AiRouteSpec desired) {
        return Uni.combine().all().unis(
                reads.get(AiRouteObjects.CONFIG_MAP.address(namespace, AiRouteObjects.configMapName(name))),
                reads.get(AiRouteObjects.INGRESS.address(namespace, AiRouteObjects.ingressName(name))),
                reads.get(AiRouteObjects.INGRESS.address(namespace, AiRouteObjects.fallbackName(name))),
                reads.get(AiRouteObjects.ENVOY_FILTER.address(namespace, AiRouteObjects.ingressName(name))),
                reads.list(WASM_PLUGIN, namespace)).asTuple()
                .map(t -> copy(namespace, name, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(),
                        t.getItem5()));
    }

    @Override
    public Uni<List<Copy<AiRouteSpec>>> list(StoreReads reads, String namespace) {
        return Uni.combine().all().unis(reads.list(AiRouteObjects.CONFIG_MAP, namespace),
                reads.list(AiRouteObjects.INGRESS, namespace), reads.list(AiRouteObjects.ENVOY_FILTER, namespace),
                reads.list(WASM_PLUGIN, namespace)).asTuple().map(t -> {
                    List<Copy<AiRouteSpec>> out = new ArrayList<>();
                    for (StoredObject cm : t.getItem1()) {
                        String objectName = cm.address().name();
                        if (!AiRouteObjects.CONFIG_MAP.holds(cm.body())
                                || !objectName.startsWith(AiRouteObjects.PREFIX)) {
                            continue;
                        }
                        String name = objectName.substring(AiRouteObjects.PREFIX.length());
                        Copy<AiRouteSpec> c = copy(namespace, name, cm,
                                named(t.getItem2(), AiRouteObjects.ingressName(name)),
                                named(t.getItem2(), AiRouteObjects.fallbackName(name)),
                                named(t.getItem3(), AiRouteObjects.ingressName(name)), t.getItem4());
                        if (c.exists()) {
                            out.add(c);
                        }
                    }
                    return out;
                });
    }

    private static StoredObject named(List<StoredObject> all, String name) {
        return all.stream().filter(o -> o.address().name().equals(name)).findFirst().orElse(null);
    }

    private static Copy<AiRouteSpec> copy(String namespace, String name, StoredObject configMap, StoredObject ingress,
            StoredObject fallback, StoredObject filter, List<StoredObject> plugins) {
        List<StoredObject> parts = new ArrayList<>(Stream.of(configMap, ingress, fallback, filter)
                .filter(Objects::nonNull).toList());
        AiRouteInstances.PLUGINS.forEach(p -> {
            StoredObject found = ConsolePlugins.find(plugins, p, AiRouteInstances.internal(p));
            if (found != null) {
                parts.add(found);
            }
        });
        StoredObject aiProxy = ConsolePlugins.find(plugins, BuiltInPlugin.AI_PROXY, true);
        List<StoredObject> related = aiProxy == null ? List.of() : List.of(aiProxy);
        JsonNode doc = configMap == null || !AiRouteObjects.CONFIG_MAP.holds(configMap.body()) ? null
                : AiRouteObjects.document(configMap.body());
        AiRouteSpec spec = doc == null ? null : AiRouteDocument.spec(AiRouteDocument.answered(doc), namespace);
        if (spec == null || !name.equals(spec.name())) {
            return Copy.absentEntry(namespace, name, parts, related);
        }
        return new Copy<>(namespace, name, spec, parts, related, true, configMap.version(), true);
    }

    @Override
    public List<Part> parts(AiRouteSpec spec, String namespace, Copy<AiRouteSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        StoredObject cm = part(current.parts(), AiRouteObjects.CONFIG_MAP, AiRouteObjects.configMapName(spec.name()));
        ObjectNode doc = AiRouteDocument.stored(spec, cm == null ? null : AiRouteObjects.document(cm.body()));
        new AiRouteInstances(w, current.parts(), current.related(), namespace).write(spec.name(), doc);
        w.put(AiRouteObjects.CONFIG_MAP.address(namespace, AiRouteObjects.configMapName(spec.name())),
                AiRouteObjects.configMap(namespace, doc));
        for (StoredObject held : current.parts()) {
            if (held.address().type().equals(AiRouteObjects.INGRESS)) {
                AiRouteObjects.dropUnwritten(held.body(), w.get(held.address()));
            }
        }
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<AiRouteSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        String name = current.name();
        w.delete(AiRouteObjects.CONFIG_MAP.address(namespace, AiRouteObjects.configMapName(name)));
        new AiRouteInstances(w, current.parts(), current.related(), namespace).delete(name);
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<AiRouteSpec> current) {
        StoredObject cm = part(previous, AiRouteObjects.CONFIG_MAP, AiRouteObjects.configMapName(current.name()));
        JsonNode doc = cm == null ? null : AiRouteObjects.document(cm.body());
        AiRouteSpec before = doc == null ? null : AiRouteDocument.spec(AiRouteDocument.answered(doc), namespace);
        return Workspace.restoredEntry(this, before, namespace, current, Workspace::label);
    }

    static StoredObject part(List<StoredObject> parts, KubernetesType type, String name) {
        return parts.stream().filter(o -> o.address().type().equals(type) && o.address().name().equals(name))
                .findFirst().orElse(null);
    }
}
