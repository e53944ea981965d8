package io.higress.fleet.resources.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.higress.fleet.resources.Json;
import io.higress.fleet.sim.FleetApi;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.console.ConsoleSimulator;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Test helper of the AI kinds' tests: what the simulated fleet holds, read directly. The fleet is {@code dev} and
 * {@code prod} managed through Kubernetes, {@code test} through its console (the tests' resource arguments).
 */
public final class AiFleet {
    public static final String NS = "higress-system";
    public static final List<String> KUBERNETES = List.of("dev", "prod");
    public static final List<String> ALL = List.of("dev", "prod", "test");

    public static final ResourceDefinitionContext WASM_PLUGINS = context("extensions.higress.io", "v1alpha1",
            "WasmPlugin", "wasmplugins");
    public static final ResourceDefinitionContext MCP_BRIDGES = context("networking.higress.io", "v1", "McpBridge",
            "mcpbridges");
    public static final ResourceDefinitionContext INGRESSES = context("networking.k8s.io", "v1", "Ingress",
            "ingresses");
    public static final ResourceDefinitionContext CONFIG_MAPS = context("", "v1", "ConfigMap", "configmaps");
    public static final ResourceDefinitionContext ENVOY_FILTERS = context("networking.istio.io", "v1alpha3",
            "EnvoyFilter", "envoyfilters");
    static final List<ResourceDefinitionContext> TYPES = List.of(WASM_PLUGINS, MCP_BRIDGES, INGRESSES, CONFIG_MAPS,
            ENVOY_FILTERS);

    private AiFleet() {
    }

    static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /** The object as the cluster's API server holds it, or null. */
    public static ObjectNode object(String cluster, ResourceDefinitionContext type, String name) {
        GenericKubernetesResource o = SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type)
                .inNamespace(NS).withName(name).get();
        return o == null ? null : (ObjectNode) Json.tree(Serialization.unmarshal(Serialization.asJson(o),
                Map.class));
    }

    public static void delete(String cluster, ResourceDefinitionContext type, String name) {
        SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type).inNamespace(NS)
                .withName(name).delete();
    }

    public static void put(String cluster, ResourceDefinitionContext type, JsonNode body) {
        GenericKubernetesResource o = Json.MAPPER.convertValue(body, GenericKubernetesResource.class);
        var op = SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(type).inNamespace(NS);
        if (op.withName(o.getMetadata().getName()).get() == null) {
            op.resource(o).create();
        } else {
            op.resource(o).update();
        }
    }

    public static ConsoleSimulator console() {
        return SimulatedFleetResource.fleet().console("test");
    }

    /** Every object of the AI kinds' types in the Kubernetes clusters with its resourceVersion. */
    public static Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        for (String cluster : KUBERNETES) {
            for (ResourceDefinitionContext t : TYPES) {
                SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(t).inNamespace(NS).list()
                        .getItems().forEach(o -> out.put(cluster + "/" + t.getKind() + "/" + o.getMetadata().getName(),
                                o.getMetadata().getResourceVersion()));
            }
        }
        return out;
    }

    /** Removes every object of the AI kinds' types from the Kubernetes clusters (each test starts empty). */
    public static void clear() {
        for (String cluster : KUBERNETES) {
            for (ResourceDefinitionContext t : TYPES) {
                SimulatedFleetResource.fleet().client(cluster).genericKubernetesResources(t).inNamespace(NS).delete();
            }
        }
    }

    /** Polls the rollout until {@code done} holds of its view (30 s at the most). */
    public static JsonPath awaitRollout(String id, Predicate<JsonPath> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath now = FleetApi.asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (done.test(now)) {
                return now;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("rollout " + id + " did not get there: " + now.prettify());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
