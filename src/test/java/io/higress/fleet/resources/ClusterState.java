package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: what the simulated clusters' API servers hold, read directly (not through the facade). */
final class ClusterState {
    static final String NS = "higress-system";
    static final List<String> KINDS = List.of("Ingress", "WasmPlugin", "McpBridge", "Http2Rpc");

    private ClusterState() {
    }

    static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type(String kind) {
        return Kinds.types().stream().filter(t -> t.kind().equals(kind)).findFirst().orElseThrow().context();
    }

    static GenericKubernetesResource get(String cluster, String kind, String name) {
        return SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type(kind))
                .inNamespace(NS).withName(name).get();
    }

    /** The object as JSON for path assertions, or null when the cluster has none. */
    static JsonPath json(String cluster, String kind, String name) {
        GenericKubernetesResource o = get(cluster, kind, name);
        return o == null ? null : JsonPath.from(Serialization.asJson(o));
    }

    static void create(String cluster, GenericKubernetesResource o) {
        SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type(o.getKind()))
                .inNamespace(o.getMetadata().getNamespace()).resource(o).create();
    }

    /** Every object of every kind in every cluster with its resourceVersion: equal snapshots = nothing changed. */
    static Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        for (String cluster : SimulatedFleetResource.fleet().clusters()) {
            for (String kind : KINDS) {
                SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type(kind))
                        .inNamespace(NS).list().getItems().forEach(o -> out.put(cluster + "/" + kind + "/"
                                + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
            }
        }
        return out;
    }
}
