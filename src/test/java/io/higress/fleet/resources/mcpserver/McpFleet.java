package io.higress.fleet.resources.mcpserver;

import static io.higress.fleet.resources.ai.AiFleet.CONFIG_MAPS;
import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.MCP_BRIDGES;
import static io.higress.fleet.resources.ai.AiFleet.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.resources.shared.ConsoleYaml;
import io.higress.fleet.sim.SimulatedFleetResource;

/** What the MCP server tests seed: higress-config, a Service, a DNS service source, in each cluster. */
final class McpFleet {
    static final String REDIS = "redis.higress-system.svc.cluster.local:6379";
    static final String MESH = "accessLogFile: /dev/stdout\ndefaultConfig:\n  discoveryAddress: higress-controller:15012\n";
    /** The {@code higress} key as Higress's chart writes it, with a configured Redis (open_api servers need one). */
    static final String HIGRESS = "mcpServer:\n  sse_path_suffix: /sse\n  enable: true\n  redis:\n    address: " + REDIS
            + "\n    password: redis-secret\n    db: 0\ntracing:\n  enable: false\n  sampling: 100\n";
    static final String SERVICE = "weather-api.default.svc.cluster.local";

    private McpFleet() {
    }

    /** Every cluster starts with nothing of the AI kinds and these objects. */
    static void seed(String higress) {
        AiFleet.clear();
        AiFleet.console().clearAi();
        AiFleet.console().clearRequests();
        seedKubernetes(KUBERNETES, higress);
        AiFleet.console().seedService(SERVICE, "default", 8080);
        AiFleet.console().seedService("docs.dns", "mcp", 443);
        AiFleet.console().mcpRedis(higress.contains(REDIS) ? REDIS : null);
    }

    /** higress-config, the Service weather-api and the DNS source docs in each of these Kubernetes clusters. */
    static void seedKubernetes(java.util.List<String> clusters, String higress) {
        for (String c : clusters) {
            higressConfig(c, higress);
            SimulatedFleetResource.fleet().client(c).services().inNamespace("default").resource(new ServiceBuilder()
                    .withNewMetadata().withName("weather-api").withNamespace("default").endMetadata()
                    .withNewSpec().addNewPort().withPort(8080).endPort().endSpec().build()).createOr(o -> o.update());
            AiFleet.put(c, MCP_BRIDGES, json("""
                    {"apiVersion": "networking.higress.io/v1", "kind": "McpBridge",
                     "metadata": {"name": "default", "namespace": "higress-system"},
                     "spec": {"registries": [{"type": "dns", "name": "docs", "domain": "docs.example.com",
                                              "port": 443, "protocol": "https"}]}}"""));
        }
    }

    static void higressConfig(String cluster, String higress) {
        ObjectNode cm = (ObjectNode) json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "higress-config",
                 "namespace": "higress-system"}}""");
        cm.putObject("data").put("higress", higress).put("mesh", MESH);
        AiFleet.put(cluster, CONFIG_MAPS, cm);
    }

    static JsonNode higressConfig(String cluster) {
        return AiFleet.object(cluster, CONFIG_MAPS, "higress-config").path("data");
    }

    /** The {@code higress} key of a cluster's higress-config, parsed. */
    static JsonNode higress(String cluster) {
        return ConsoleYaml.parse(higressConfig(cluster).path("higress").asText());
    }
}
