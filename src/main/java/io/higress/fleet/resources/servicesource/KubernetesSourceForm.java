package io.higress.fleet.resources.servicesource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.shared.BridgeRegistries;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;

/**
 * A service source in Kubernetes: its registry in the McpBridge {@code default} ({@link SourceRegistry}), the bridge
 * created as the console creates it when the namespace has none. A delete removes the registry (the Secret named by
 * {@code authSecretName} is the user's and stays). Registries have nowhere to carry the fleet's mark: they count as
 * the fleet's, the AI providers' {@code *.internal} ones included (the console lists them too).
 */
final class KubernetesSourceForm implements KubernetesForm<ServiceSourceSpec> {

    @Override
    public List<KubernetesType> types() {
        return List.of(BridgeRegistries.MCP_BRIDGE);
    }

    @Override
    public Uni<Copy<ServiceSourceSpec>> read(StoreReads reads, String namespace, String name,
            ServiceSourceSpec desired) {
        return reads.get(BridgeRegistries.address(namespace)).map(b -> copy(b, namespace, name));
    }

    @Override
    public Uni<List<Copy<ServiceSourceSpec>>> list(StoreReads reads, String namespace) {
        return reads.get(BridgeRegistries.address(namespace)).map(b -> b == null ? List.of()
                : BridgeRegistries.registryList(b.body()).stream().map(r -> r.path("name").asText(null))
                        .filter(Objects::nonNull).distinct().map(n -> copy(b, namespace, n)).toList());
    }

    static Copy<ServiceSourceSpec> copy(StoredObject bridge, String namespace, String name) {
        if (bridge == null) {
            return Copy.absentEntry(namespace, name, List.of(), List.of());
        }
        ObjectNode registry = BridgeRegistries.find(bridge.body(), name);
        if (registry == null) {
            return Copy.absentEntry(namespace, name, List.of(bridge), List.of());
        }
        return new Copy<>(namespace, name, SourceRegistry.read(registry, namespace), List.of(bridge), List.of(),
                true, bridge.version(), true);
    }

    @Override
    public List<Part> parts(ServiceSourceSpec spec, String namespace, Copy<ServiceSourceSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        SourceRegistry.write(BridgeRegistries.bridge(w, namespace), spec);
        return w.parts(a -> null);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<ServiceSourceSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectNode bridge = w.edit(BridgeRegistries.address(namespace));
        if (bridge != null) {
            BridgeRegistries.remove(bridge, current.name());
        }
        return w.parts(a -> null);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<ServiceSourceSpec> current) {
        Copy<ServiceSourceSpec> before = copy(StoredObject.first(previous, BridgeRegistries.MCP_BRIDGE), namespace,
                current.name());
        return Workspace.restoredEntry(this, before.exists() ? before.spec() : null, namespace, current, a -> null);
    }
}
