package io.higress.fleet.resources.mcpserver;

import static io.higress.fleet.resources.ai.AiFleet.CONFIG_MAPS;
import static io.higress.fleet.resources.ai.AiFleet.INGRESSES;
import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
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
import io.higress.fleet.resources.shared.HigressConfig;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MCP servers across dev and prod (Kubernetes) and test (console): the route Ingress, the mcp-server and key-auth
 * instances and higress-config field by field against what the console's McpServiceContextImpl and its strategies
 * write, the DSN hidden from viewers and operators, 400s naming the field with nothing written, delete, export
 * re-applied.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class McpServerTest {
    static final String TOOLS = "server:\n  name: weather\ntools:\n- name: forecast\n  description: The forecast\n"
            + "  args:\n  - name: city\n    type: string\n    required: true\n  requestTemplate:\n"
            + "    url: http://weather-api/forecast\n    method: GET\n";
    static final String WEATHER = """
            {"name": "weather", "description": "Weather tools", "type": "open_api", "domains": ["mcp.example.com"],
             "services": [{"name": "weather-api.default.svc.cluster.local", "port": 8080}],
             "consumerAuthInfo": {"type": "key-auth", "enable": true, "allowedConsumers": ["alice"]},
             "rawConfigurations": %s}""".formatted(io.higress.fleet.resources.Json.MAPPER.valueToTree(TOOLS));
    static final String ORDERS = """
            {"name": "orders", "type": "database",
             "services": [{"name": "weather-api.default.svc.cluster.local", "port": 8080}],
             "dbType": "mysql", "dbConfig": {"host": "db.example.com", "port": "3306", "username": "app",
               "password": "db-secret", "dbname": "orders", "otherParams": {"charset": "utf8mb4"}}}""";
    static final String DOCS = """
            {"name": "docs", "type": "direct_route", "services": [{"name": "docs.dns", "port": 443}],
             "directRouteConfig": {"path": "/mcp/sse", "transportType": "sse"}}""";
    static final String COMMENT = "PLEASE DO NOT EDIT DIRECTLY. This resource is managed by Higress.";

    @Test
    void anOpenApiServerIsWhatTheConsoleWritesInEveryCluster() {
        McpFleet.seed(McpFleet.HIGRESS);
        Map<String, String> configBefore = Map.of("dev", version("dev"), "prod", version("prod"));
        asOperator().contentType("application/json").body(WEATHER).post("/api/v1/mcp-servers").then()
                .statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("McpServer")))
                .body("results.status", everyItem(equalTo("created")));
        String route = "mcp-server-weather.internal";
        for (String c : KUBERNETES) {
            ObjectNode ingress = object(c, INGRESSES, route);
            assertThat(ingress.path("metadata").path("labels")).as(c).isEqualTo(json("""
                    {"higress.io/resource-definer": "higress", "higress.io/internal": "true",
                     "higress.io/domain_mcp.example.com": "true", "higress.io/biz-type": "mcp-server",
                     "higress.io/mcp-server-type": "OPEN_API", "app.kubernetes.io/managed-by": "higress-fleet"}"""));
            assertThat(ingress.path("metadata").path("annotations")).as(c).isEqualTo(json("""
                    {"higress.io/comment": "%s", "higress.io/resource-description": "Weather tools",
                     "higress.io/mcp-server": "true", "higress.io/mcp-server-match-rule-domains": "mcp.example.com",
                     "higress.io/mcp-server-match-rule-type": "prefix",
                     "higress.io/mcp-server-match-rule-value": "/mcp-servers/weather",
                     "higress.io/destination": "weather-api.default.svc.cluster.local:8080"}""".formatted(COMMENT)));
            assertThat(ingress.path("spec")).as(c).isEqualTo(json("""
                    {"ingressClassName": "higress", "rules": [{"host": "mcp.example.com", "http": {"paths": [
                      {"path": "/mcp-servers/weather", "pathType": "Prefix", "backend": {"resource": {
                        "apiGroup": "networking.higress.io", "kind": "McpBridge", "name": "default"}}}]}}]}"""));
            ObjectNode mcp = object(c, WASM_PLUGINS, "mcp-server.internal");
            assertThat(mcp.path("metadata").path("labels").path("higress.io/wasm-plugin-name").asText())
                    .isEqualTo("mcp-server");
            ObjectNode rule = (ObjectNode) json("{\"configDisable\": false, \"ingress\": [\"" + route + "\"]}");
            rule.set("config", ConsoleYaml.parse(TOOLS));
            assertThat(mcp.path("spec")).as(c).isEqualTo(json("""
                    {"phase": "UNSPECIFIED_PHASE", "priority": 999,
                     "url": "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/mcp-server:2.0.1",
                     "imagePullPolicy": "UNSPECIFIED_POLICY", "failStrategy": "FAIL_OPEN",
                     "defaultConfigDisable": true, "matchRules": [%s]}""".formatted(rule)));
            assertThat(object(c, WASM_PLUGINS, "key-auth.internal").path("spec").path("matchRules")).as(c)
                    .isEqualTo(json("[{\"configDisable\": false, \"config\": {\"allow\": [\"alice\"]}, \"ingress\": [\""
                            + route + "\"]}]"));
            // a configured section needs no initialisation: higress-config is not written
            assertThat(version(c)).as(c).isEqualTo(configBefore.get(c));
            assertThat(McpFleet.higressConfig(c).path("higress").asText()).isEqualTo(McpFleet.HIGRESS);
        }
        assertThat(AiFleet.console().writes()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("PUT /v1/mcpServer"));
        ObjectNode sent = AiFleet.console().mcpServer("weather");
        assertThat(sent.path("type").asText()).isEqualTo("OPEN_API");
        assertThat(sent.path("rawConfigurations").asText()).isEqualTo(TOOLS);
        assertThat(sent.path("consumerAuthInfo")).isEqualTo(json("""
                {"type": "key-auth", "enable": true, "allowedConsumers": ["alice"]}"""));

        asViewer().get("/api/v1/mcp-servers").then().statusCode(200)
                .body("items.find { it.name == 'weather' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'weather' }.drift", equalTo(false))
                .body("items.find { it.name == 'weather' }.type", equalTo("open_api"));
        asViewer().get("/api/v1/mcp-servers/weather").then().statusCode(200)
                .body("services[0].name", equalTo(McpFleet.SERVICE)).body("services[0].port", equalTo(8080))
                .body("domains", contains("mcp.example.com"))
                .body("consumerAuthInfo.allowedConsumers", contains("alice"));
        // the same server again is unchanged everywhere; a second POST is a 409
        asOperator().contentType("application/json").body("{\"description\": \"Weather tools\"}")
                .put("/api/v1/mcp-servers/weather?clusters=dev,prod").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        asOperator().contentType("application/json").body(WEATHER).post("/api/v1/mcp-servers").then()
                .statusCode(409);

        // without tools the instance is {server: {name, description}}, disabled
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"rawConfigurations\": null, \"description\": null}").put("/api/v1/mcp-servers/weather")
                .then().statusCode(200);
        assertThat(object("dev", WASM_PLUGINS, "mcp-server.internal").at("/spec/matchRules/0")).isEqualTo(json("""
                {"configDisable": true, "config": {"server": {"name": "weather", "description": "Nothing"}},
                 "ingress": ["mcp-server-weather.internal"]}"""));
        asViewer().get("/api/v1/mcp-servers/weather").then().statusCode(200).body("drift", equalTo(true));
    }

    @Test
    void aDatabaseServerKeepsItsDsnInHigressConfigHiddenFromViewersAndOperators() {
        McpFleet.seed("tracing:\n  enable: false\n");
        asOperator().contentType("application/json").body(ORDERS).post("/api/v1/mcp-servers").then()
                .statusCode(201).body("results.status", everyItem(equalTo("created")))
                .body(not(containsString("db-secret")));
        for (String c : KUBERNETES) {
            JsonNode data = McpFleet.higressConfig(c);
            assertThat(data.path("mesh").asText()).as("another key, byte for byte").isEqualTo(McpFleet.MESH);
            JsonNode higress = McpFleet.higress(c);
            assertThat(higress.path("tracing")).isEqualTo(json("{\"enable\": false}"));
            // initMcpServerConfig wrote McpServerConfigMap (its renamed properties last), then the server's entry
            JsonNode section = higress.path("mcpServer");
            assertThat(iterable(section.fieldNames())).containsExactly("enable", "redis", "servers",
                    "sse_path_suffix");
            assertThat(section.path("redis")).isEqualTo(json("""
                    {"address": "your.redis.host:6379", "password": "your_password", "db": 0,
                     "username": "your_username"}"""));
            assertThat(section.path("servers")).isEqualTo(json("""
                    [{"name": "orders", "path": "/mcp-servers/orders", "type": "database",
                      "config": {"dsn": "app:db-secret@tcp(db.example.com:3306)/orders?charset=utf8mb4",
                                 "dbType": "mysql"}}]"""));
            assertThat(object(c, INGRESSES, "mcp-server-orders.internal").at("/metadata/labels"))
                    .isEqualTo(json("""
                    {"higress.io/resource-definer": "higress", "higress.io/internal": "true",
                     "higress.io/domain_higress-default-domain": "true", "higress.io/biz-type": "mcp-server",
                     "higress.io/mcp-server-type": "DATABASE", "app.kubernetes.io/managed-by": "higress-fleet"}"""));
            assertThat(object(c, INGRESSES, "mcp-server-orders.internal").at("/metadata/annotations")
                    .path("higress.io/mcp-server-match-rule-domains").asText()).isEqualTo("*");
            assertThat(object(c, WASM_PLUGINS, "mcp-server.internal")).as("no tools instance").isNull();
        }
        assertThat(AiFleet.console().mcpServer("orders").path("dbType").asText()).isEqualTo("MYSQL");
        assertThat(AiFleet.console().mcpServer("orders").at("/dbConfig/password").asText()).isEqualTo("db-secret");

        for (var who : List.of(asViewer(), asOperator())) {
            who.get("/api/v1/mcp-servers/orders").then().statusCode(200)
                    .body("dbConfig.password", equalTo("[redacted]")).body(not(containsString("db-secret")));
            who.get("/api/v1/mcp-servers").then().statusCode(200).body(not(containsString("db-secret")));
        }
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(containsString("higress-config")).body(not(containsString("db-secret")))
                .body(not(containsString("redis-secret")));
        asAdmin().get("/api/v1/mcp-servers/orders").then().statusCode(200)
                .body("clusters", contains("dev", "prod", "test")).body("drift", equalTo(false))
                .body("dbType", equalTo("mysql")).body("dbConfig.host", equalTo("db.example.com"))
                .body("dbConfig.port", equalTo("3306")).body("dbConfig.password", equalTo("db-secret"))
                .body("dbConfig.otherParams.charset", equalTo("utf8mb4"));

        // an operator's change of the database answers no secret, in its changes either
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"dbConfig\": {\"dbname\": \"archive\"}}").put("/api/v1/mcp-servers/orders").then()
                .statusCode(200).body("results[0].status", equalTo("updated")).body(not(containsString("db-secret")));
        assertThat(McpFleet.higress("dev").at("/mcpServer/servers/0/config/dsn").asText())
                .isEqualTo("app:db-secret@tcp(db.example.com:3306)/archive?charset=utf8mb4");

        // delete: the Ingress and the server's entry go, the rest of higress-config stays
        asOperator().delete("/api/v1/mcp-servers/orders").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            assertThat(object(c, INGRESSES, "mcp-server-orders.internal")).isNull();
            assertThat(McpFleet.higress(c).at("/mcpServer/servers")).isEqualTo(json("[]"));
            assertThat(McpFleet.higress(c).path("tracing")).isEqualTo(json("{\"enable\": false}"));
            assertThat(McpFleet.higressConfig(c).path("mesh").asText()).isEqualTo(McpFleet.MESH);
        }
        assertThat(AiFleet.console().mcpServer("orders")).isNull();
        asViewer().get("/api/v1/mcp-servers/orders").then().statusCode(404);
    }

    @Test
    void aDirectRouteRewritesToTheUpstreamsPathAndHost() {
        McpFleet.seed(McpFleet.HIGRESS);
        asOperator().contentType("application/json").body(DOCS).post("/api/v1/mcp-servers").then().statusCode(201);
        for (String c : KUBERNETES) {
            JsonNode a = object(c, INGRESSES, "mcp-server-docs.internal").at("/metadata/annotations");
            assertThat(a).as(c).isEqualTo(json("""
                    {"higress.io/comment": "%s", "higress.io/mcp-server": "true",
                     "higress.io/mcp-server-match-rule-domains": "*", "higress.io/mcp-server-match-rule-type": "prefix",
                     "higress.io/mcp-server-match-rule-value": "/mcp-servers/docs",
                     "higress.io/mcp-server-upstream-type": "sse", "higress.io/mcp-server-upstream-transport-type": "sse",
                     "higress.io/mcp-server-enable-path-rewrite": "true",
                     "higress.io/mcp-server-path-rewrite-prefix": "/mcp",
                     "higress.io/enable-rewrite": "true", "higress.io/rewrite-path": "/mcp",
                     "higress.io/upstream-vhost": "docs.example.com",
                     "higress.io/destination": "docs.dns:443"}""".formatted(COMMENT)));
        }
        assertThat(AiFleet.console().mcpServer("docs").path("type").asText()).isEqualTo("DIRECT_ROUTE");
        asViewer().get("/api/v1/mcp-servers/docs").then().statusCode(200)
                .body("directRouteConfig.path", equalTo("/mcp/sse"))
                .body("directRouteConfig.transportType", equalTo("sse"))
                .body("clusters", contains("dev", "prod", "test")).body("drift", equalTo(false));
        // streamable: the path as it is, no SSE suffix required
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"directRouteConfig\": {\"path\": \"/mcp\", \"transportType\": \"streamable\"}}")
                .put("/api/v1/mcp-servers/docs").then().statusCode(200);
        JsonNode a = object("dev", INGRESSES, "mcp-server-docs.internal").at("/metadata/annotations");
        assertThat(a.path("higress.io/mcp-server-upstream-type").asText()).isEqualTo("streamable");
        assertThat(a.path("higress.io/rewrite-path").asText()).isEqualTo("/mcp");
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWritten() {
        McpFleet.seed(McpFleet.HIGRESS);
        Map<String, String> before = AiFleet.snapshot();
        bad("{\"name\": \"x\", \"type\": \"grpc\", \"services\": [{\"name\": \"docs.dns\"}]}", "type");
        bad("{\"name\": \"x\", \"type\": \"OPEN_API\", \"services\": [{\"name\": \"docs.dns\"}]}", "type");
        bad("{\"name\": \"x\", \"type\": \"database\", \"services\": [{\"name\": \"docs.dns\"}]}", "dbType",
                "dbConfig");
        bad("{\"name\": \"x\", \"type\": \"database\", \"dbType\": \"postgres\", \"dbConfig\": {\"host\": \"db\"},"
                + " \"services\": [{\"name\": \"docs.dns\"}]}", "dbConfig.port", "dbConfig.username",
                "dbConfig.dbname");
        bad("{\"name\": \"x\", \"type\": \"direct_route\", \"services\": [{\"name\": \"docs.dns\"}]}",
                "directRouteConfig");
        bad("{\"name\": \"x\", \"type\": \"direct_route\", \"services\": [{\"name\": \"docs.dns\"}],"
                + " \"directRouteConfig\": {\"path\": \"/mcp\", \"transportType\": \"sse\"}}", "directRouteConfig.path");
        bad("{\"name\": \"x\", \"type\": \"open_api\"}", "services");
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"docs.dns\"}],"
                + " \"rawConfigurations\": \"- just\\n- a list\\n\"}", "rawConfigurations");
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"docs.dns\"}],"
                + " \"dbConfig\": {\"host\": \"db\"}}", "dbConfig");
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"docs.dns\"}],"
                + " \"consumerAuthInfo\": {\"type\": \"jwt-auth\", \"enable\": true}}", "consumerAuthInfo.type");
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"nope.default.svc.cluster.local\","
                + " \"port\": 80}]}", "services[0].name");
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"other.dns\"}]}", "services[0].name");
        // a cluster whose Redis is still the placeholder refuses an open_api server (the console's check)
        McpFleet.higressConfig("prod", McpFleet.HIGRESS.replace(McpFleet.REDIS, HigressConfig.REDIS_PLACEHOLDER));
        before = AiFleet.snapshot();
        bad("{\"name\": \"x\", \"type\": \"open_api\", \"services\": [{\"name\": \"docs.dns\"}]}", "type");
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    @Test
    void theConsoleRefusesAsItDoesWhenOnlyItIsTargeted() {
        McpFleet.seed("tracing:\n  enable: false\n");
        // its Redis is the placeholder after its initialisation: the console saves the route, then answers 400
        asOperator().queryParam("clusters", "test").contentType("application/json").body(WEATHER)
                .post("/api/v1/mcp-servers").then().statusCode(400)
                .body("errors[0].cluster", equalTo("test")).body(containsString("Redis"));
        assertThat(AiFleet.console().mcpServer("weather")).as("the console's partial save").isNotNull();
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body(ORDERS.replace(McpFleet.SERVICE, "missing.default.svc.cluster.local")).post("/api/v1/mcp-servers")
                .then().statusCode(400).body("errors.field", hasItem("services[0].name"));
        assertThat(AiFleet.console().mcpServer("orders")).isNull();
    }

    @Test
    void exportReAppliedToAnEmptyClusterGivesTheSameObjects() {
        McpFleet.seed(McpFleet.HIGRESS);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(WEATHER)
                .post("/api/v1/mcp-servers").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(ORDERS)
                .post("/api/v1/mcp-servers").then().statusCode(201);
        String yaml = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(yaml).contains("mcp-server-weather.internal", "mcp-server.internal", "higress-config",
                "db-secret");
        AiFleet.delete("prod", CONFIG_MAPS, "higress-config");
        asAdmin().queryParam("clusters", "prod").contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(201);
        for (String name : List.of("mcp-server-weather.internal", "mcp-server-orders.internal")) {
            assertThat(object("prod", INGRESSES, name).path("spec")).isEqualTo(object("dev", INGRESSES, name)
                    .path("spec"));
        }
        assertThat(object("prod", WASM_PLUGINS, "mcp-server.internal").path("spec"))
                .isEqualTo(object("dev", WASM_PLUGINS, "mcp-server.internal").path("spec"));
        assertThat(McpFleet.higressConfig("prod")).isEqualTo(McpFleet.higressConfig("dev"));
        asAdmin().queryParam("clusters", "dev,prod").get("/api/v1/mcp-servers/orders").then().statusCode(200)
                .body("clusters", contains("dev", "prod")).body("drift", equalTo(false));
    }

    @Test
    void theAllowListIsEditedThroughTheConsumersSubResource() {
        McpFleet.seed(McpFleet.HIGRESS);
        asOperator().contentType("application/json").body(WEATHER).post("/api/v1/mcp-servers").then().statusCode(201);
        String path = "/api/v1/mcp-servers/weather/consumers";
        asOperator().contentType("application/json").body("{\"consumers\": [\"bob\", \"alice\"]}").post(path).then()
                .statusCode(200).body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("updated")));
        for (String c : KUBERNETES) {
            assertThat(object(c, WASM_PLUGINS, "key-auth.internal").at("/spec/matchRules/0/config/allow")).as(c)
                    .isEqualTo(json("[\"alice\", \"bob\"]"));
        }
        assertThat(AiFleet.console().mcpServer("weather").at("/consumerAuthInfo/allowedConsumers"))
                .isEqualTo(json("[\"alice\", \"bob\"]"));
        asViewer().get(path).then().statusCode(200).body("mcpServerName", equalTo("weather"))
                .body("consumers", contains("alice", "bob")).body("clusters", contains("dev", "prod", "test"))
                .body("drift", equalTo(false));
        asOperator().queryParam("clusters", "dev").queryParam("dryRun", "true").contentType("application/json")
                .body("{\"consumers\": [\"alice\"]}").delete(path).then().statusCode(200)
                .body("results[0].status", equalTo("update"));
        assertThat(object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/matchRules/0/config/allow"))
                .as("a dry run writes nothing").isEqualTo(json("[\"alice\", \"bob\"]"));
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"consumers\": [\"alice\"]}").delete(path).then().statusCode(200);
        assertThat(object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/matchRules/0")).isEqualTo(json("""
                {"configDisable": false, "config": {"allow": ["bob"]}, "ingress": ["mcp-server-weather.internal"]}"""));
        asViewer().get(path).then().statusCode(200).body("drift", equalTo(true));
        asOperator().contentType("application/json").body("{\"consumers\": []}").post(path).then().statusCode(400)
                .body("errors.field", hasItem("consumers"));
        asOperator().contentType("application/json").body("{\"consumers\": [\"x\"]}")
                .post("/api/v1/mcp-servers/absent/consumers").then().statusCode(404);
        asViewer().contentType("application/json").body("{\"consumers\": [\"x\"]}").post(path).then()
                .statusCode(403);
    }

    private static void bad(String body, String... fields) {
        var then = asOperator().contentType("application/json").body(body).post("/api/v1/mcp-servers").then()
                .statusCode(400);
        for (String f : fields) {
            then.body("errors.field", hasItem(f));
        }
    }

    private static String version(String cluster) {
        return object(cluster, CONFIG_MAPS, "higress-config").path("metadata").path("resourceVersion").asText();
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
