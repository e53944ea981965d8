package io.higress.fleet.resources.proxyserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
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
 * A proxy server in Kubernetes: its entry of the McpBridge {@code default}'s {@code proxies}, as the console's
 * ProxyServerServiceImpl writes it (the bridge created as the console creates it; {@code listenerPort}, which the
 * console does not model, kept). A delete is refused (409) while a registry names it in {@code proxyName}, as the
 * console refuses it. Entries have no mark: they count as the fleet's.
 */
final class KubernetesProxyForm implements KubernetesForm<ProxyServerSpec> {

    @Override
    public List<KubernetesType> types() {
        return List.of(BridgeRegistries.MCP_BRIDGE);
    }

    @Override
    public Uni<Copy<ProxyServerSpec>> read(StoreReads reads, String namespace, String name, ProxyServerSpec desired) {
        return reads.get(BridgeRegistries.address(namespace)).map(b -> copy(b, namespace, name));
    }

    @Override
    public Uni<List<Copy<ProxyServerSpec>>> list(StoreReads reads, String namespace) {
        return reads.get(BridgeRegistries.address(namespace)).map(b -> b == null ? List.of()
                : BridgeRegistries.proxyList(b.body()).stream().map(p -> p.path("name").asText(null))
                        .filter(Objects::nonNull).distinct().map(n -> copy(b, namespace, n)).toList());
    }

    private static Copy<ProxyServerSpec> copy(StoredObject bridge, String namespace, String name) {
        if (bridge == null) {
            return Copy.absentEntry(namespace, name, List.of(), List.of());
        }
        ObjectNode proxy = BridgeRegistries.findProxy(bridge.body(), name);
        if (proxy == null) {
            return Copy.absentEntry(namespace, name, List.of(bridge), List.of());
        }
        return new Copy<>(namespace, name, spec(proxy, namespace), List.of(bridge), List.of(), true,
                bridge.version(), true);
    }

    static ProxyServerSpec spec(JsonNode p, String namespace) {
        return new ProxyServerSpec(p.path("name").asText(null), text(p.get("type")), text(p.get("serverAddress")),
                integer(p.get("serverPort")), integer(p.get("connectTimeout")), namespace);
    }

    /** The proxy as the console's converter writes it: {@code type, name, serverAddress, serverPort, connectTimeout}. */
    static ObjectNode body(ProxyServerSpec p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", p.type()).put("name", p.name()).put("serverAddress", p.serverAddress())
                .put("serverPort", p.serverPort()).put("connectTimeout", p.connectTimeout());
        return o;
    }

    @Override
    public List<Part> parts(ProxyServerSpec spec, String namespace, Copy<ProxyServerSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        BridgeRegistries.upsertProxy(BridgeRegistries.bridge(w, namespace), body(spec));
        return w.parts(a -> null);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<ProxyServerSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectNode bridge = w.edit(BridgeRegistries.address(namespace));
        if (bridge != null) {
            for (ObjectNode r : BridgeRegistries.registryList(bridge)) {
                if (current.name().equals(r.path("proxyName").asText(null))) {
                    throw new ProblemException(Problem.of(ProblemType.CONFLICT, "the proxy server " + current.name()
                            + " is used by the service source " + r.path("name").asText()
                            + ": change or delete that source first"));
                }
            }
            BridgeRegistries.removeProxy(bridge, current.name());
        }
        return w.parts(a -> null);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<ProxyServerSpec> current) {
        Copy<ProxyServerSpec> before = copy(StoredObject.first(previous, BridgeRegistries.MCP_BRIDGE), namespace,
                current.name());
        return Workspace.restoredEntry(this, before.exists() ? before.spec() : null, namespace, current, a -> null);
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    private static Integer integer(JsonNode n) {
        return n != null && n.isIntegralNumber() ? n.asInt() : null;
    }
}
