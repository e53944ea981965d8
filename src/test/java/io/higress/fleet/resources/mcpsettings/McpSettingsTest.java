package io.higress.fleet.resources.mcpsettings;

import static io.higress.fleet.resources.ai.AiFleet.CONFIG_MAPS;
import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.json;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.resources.shared.ConsoleYaml;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global MCP settings in dev and prod (Kubernetes; test is console-managed and refused): the mcpServer section
 * of higress-config edited in place, the rest of the ConfigMap kept, the Redis password hidden from viewers and
 * operators, and an open_api MCP server accepted once Redis is configured.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class McpSettingsTest {
    static final String MESH = "accessLogFile: /dev/stdout\n";
    static final String HIGRESS = "tracing:\n  enable: false\nmcpServer:\n  sse_path_suffix: /sse\n  enable: true\n"
            + "  redis:\n    address: your.redis.host:6379\n    password: your_password\n    db: 0\n"
            + "    username: your_username\n  servers: []\n  custom: kept\n";
    static final String PATH = "/api/v1/mcp-settings/higress-config";

    @BeforeEach
    void seed() {
        AiFleet.clear();
        for (String c : KUBERNETES) {
            ObjectNode cm = (ObjectNode) json("""
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "higress-config",
                     "namespace": "higress-system"}}""");
            cm.putObject("data").put("higress", HIGRESS).put("mesh", MESH);
            AiFleet.put(c, CONFIG_MAPS, cm);
            AiFleet.put(c, AiFleet.MCP_BRIDGES, json("""
                    {"apiVersion": "networking.higress.io/v1", "kind": "McpBridge",
                     "metadata": {"name": "default", "namespace": "higress-system"},
                     "spec": {"registries": [{"type": "dns", "name": "mcp", "domain": "mcp.example.com", "port": 80}]}}"""));
        }
    }

    private static JsonNode section(String cluster) {
        return ConsoleYaml.parse(object(cluster, CONFIG_MAPS, "higress-config").at("/data/higress").asText())
                .path("mcpServer");
    }

    static final String TOOLS = """
            {"name": "tools", "type": "open_api", "services": [{"name": "mcp.dns", "port": 80}]}""";

    @Test
    void theSectionIsEditedInPlaceAndThePasswordHidden() {
        // the placeholder Redis refuses an open_api MCP server
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(TOOLS)
                .post("/api/v1/mcp-servers").then().statusCode(400).body("errors.field", hasItem("type"));
        asViewer().queryParam("clusters", "dev,prod").get(PATH).then().statusCode(200)
                .body("clusters", contains("dev", "prod")).body("enable", equalTo(true))
                .body("ssePathSuffix", equalTo("/sse")).body("redis.address", equalTo("your.redis.host:6379"))
                .body("redis.password", equalTo("[redacted]")).body(not(containsString("your_password")));
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json").body("""
                {"redis": {"address": "redis.higress-system.svc.cluster.local:6379", "password": "redis-secret",
                 "username": null}}""").put(PATH).then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated"))).body(not(containsString("redis-secret")));
        for (String c : KUBERNETES) {
            JsonNode s = section(c);
            assertThat(s.path("redis")).as(c).isEqualTo(json("""
                    {"address": "redis.higress-system.svc.cluster.local:6379", "password": "redis-secret", "db": 0}"""));
            assertThat(s.path("custom").asText()).as("a key the facade does not model stays").isEqualTo("kept");
            assertThat(s.path("servers")).isEqualTo(json("[]"));
            assertThat(object(c, CONFIG_MAPS, "higress-config").at("/data/mesh").asText()).isEqualTo(MESH);
            assertThat(ConsoleYaml.parse(object(c, CONFIG_MAPS, "higress-config").at("/data/higress").asText())
                    .path("tracing")).isEqualTo(json("{\"enable\": false}"));
        }
        asOperator().queryParam("clusters", "dev,prod").get(PATH).then().statusCode(200)
                .body("redis.password", equalTo("[redacted]")).body(not(containsString("redis-secret")));
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(not(containsString("redis-secret")));
        asAdmin().queryParam("clusters", "dev").get(PATH).then().statusCode(200)
                .body("redis.password", equalTo("redis-secret"));
        // the same settings again: higress-config is not written
        String version = object("dev", CONFIG_MAPS, "higress-config").at("/metadata/resourceVersion").asText();
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"enable\": true}")
                .put(PATH).then().statusCode(200).body("results[0].status", equalTo("unchanged"));
        assertThat(object("dev", CONFIG_MAPS, "higress-config").at("/metadata/resourceVersion").asText())
                .isEqualTo(version);

        // with Redis configured, it is accepted, and the settings stay as they are
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(TOOLS)
                .post("/api/v1/mcp-servers").then().statusCode(201);
        assertThat(section("dev").path("redis").path("password").asText()).isEqualTo("redis-secret");
    }

    @Test
    void badInputAndConsoleClustersAreRefused() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"ssePathSuffix\": \"sse\", \"redis\": {\"address\": \"no port:x\"}}").put(PATH).then()
                .statusCode(400).body("errors.field", hasItem("ssePathSuffix"))
                .body("errors.field", hasItem("redis.address"));
        asOperator().contentType("application/json").body("{\"name\": \"other\"}").post("/api/v1/mcp-settings")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        asOperator().queryParam("clusters", "test").contentType("application/json").body("{\"enable\": false}")
                .put(PATH).then().statusCode(400).body(containsString("test"));
        assertThat(section("dev").path("enable").asBoolean()).isTrue();
    }
}
