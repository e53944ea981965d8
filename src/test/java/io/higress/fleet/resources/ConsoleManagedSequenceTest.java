package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.console.ConsoleSimulator;
import io.higress.fleet.sim.console.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The brief's §3.2 sequence against a fleet where {@code test} is managed through its Higress Console and {@code dev},
 * {@code prod} through Kubernetes: the same facade calls give the same answers for all three clusters, the console
 * receives the requests of docs/console.md, the API servers get their objects.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test"),
        @ResourceArg(name = "fleet.discovery.console-status-ttl", value = "0s"),
        // The console-down test must not open the breaker for the tests after it.
        @ResourceArg(name = "fleet.upstreams.console.breaker-window", value = "1000"),
        @ResourceArg(name = "fleet.upstreams.console.retries", value = "0")})
class ConsoleManagedSequenceTest {
    static final List<String> KUBERNETES = List.of("dev", "prod");
    static final ObjectMapper JSON = new ObjectMapper();

    ConsoleSimulator console;

    @BeforeEach
    void clearConsole() {
        console = SimulatedFleetResource.fleet().console("test");
        console.unreachable(false);
        console.clearRequests();
    }

    @AfterEach
    void consoleBackUp() {
        console.unreachable(false);
    }

    @Test
    void routesAsInTheBrief() {
        asOperator().contentType("application/json")
                .body("{ \"name\": \"example-route\", \"domain\": [\"example.com\"], \"paths\": [\"/api/*\"], "
                        + "\"serviceName\": \"example-service\", \"servicePort\": 8080 }")
                .post("/api/v1/routes").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("created")))
                .body("results.kind", everyItem(equalTo("Ingress")));
        JsonNode posted = onlyWrite("POST", "/v1/routes");
        assertThat(posted.path("name").asText()).isEqualTo("example-route");
        assertThat(posted.path("domains").toString()).isEqualTo("[\"example.com\"]");
        assertThat(posted.path("path").path("matchType").asText()).isEqualTo("PRE");
        assertThat(posted.path("path").path("matchValue").asText()).isEqualTo("/api");
        assertThat(posted.path("services").get(0).path("name").asText())
                .isEqualTo("example-service.higress-system.svc.cluster.local");
        assertThat(posted.path("services").get(0).path("port").asInt()).isEqualTo(8080);
        KUBERNETES.forEach(c -> assertThat(ClusterState.get(c, "Ingress", "example-route")).as(c).isNotNull());
        String version = console.route("example-route").path("version").asText();

        asViewer().get("/api/v1/routes").then().statusCode(200)
                .body("items.find { it.name == 'example-route' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'example-route' }.drift", equalTo(false));

        console.clearRequests();
        asOperator().contentType("application/json").body("{\"domain\": [\"new-example.com\"]}")
                .put("/api/v1/routes/example-route").then().statusCode(200)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("updated")))
                .body("results.find { it.cluster == 'test' }.resourceVersion",
                        equalTo(console.route("example-route").path("version").asText()));
        JsonNode put = onlyWrite("PUT", "/v1/routes/example-route");
        assertThat(put.path("domains").toString()).isEqualTo("[\"new-example.com\"]");
        assertThat(put.path("version").asText()).as("the version read before").isEqualTo(version);
        KUBERNETES.forEach(c -> assertThat(ClusterState.json(c, "Ingress", "example-route")
                .getList("spec.rules.host")).as(c).containsExactly("new-example.com"));

        console.clearRequests();
        asOperator().delete("/api/v1/routes/example-route").then().statusCode(200)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("deleted")));
        assertThat(writes()).containsExactly("DELETE /v1/routes/example-route");
        KUBERNETES.forEach(c -> assertThat(ClusterState.get(c, "Ingress", "example-route")).as(c).isNull());
    }

    @Test
    void pluginAsInTheBrief() {
        asOperator().contentType("application/json")
                .body("{ \"name\": \"ai-proxy\", \"type\": \"WasmPlugin\", \"phase\": \"DEFAULT\", \"priority\": 300, "
                        + "\"config\": { \"services\": [{ \"provider\": \"openai\", \"api_tokens\": [\"sk-xxx\"], "
                        + "\"endpoint\": \"https://api.openai.com/v1\" }] } }")
                .post("/api/v1/plugins").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("created")));
        JsonNode instance = onlyWrite("PUT", "/v1/global/plugin-instances/ai-proxy");
        assertThat(instance.path("enabled").asBoolean()).isTrue();
        assertThat(instance.path("configurations").path("services").get(0).path("api_tokens").toString())
                .isEqualTo("[\"sk-xxx\"]");
        KUBERNETES.forEach(c -> assertThat(ClusterState.get(c, "WasmPlugin", "ai-proxy")).as(c).isNotNull());

        console.clearRequests();
        asOperator().post("/api/v1/plugins/ai-proxy/enable").then().statusCode(200)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("unchanged")));
        assertThat(writes()).isEmpty();

        asOperator().post("/api/v1/plugins/ai-proxy/disable").then().statusCode(200)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("updated")));
        JsonNode disabled = onlyWrite("PUT", "/v1/global/plugin-instances/ai-proxy");
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("configurations").path("services").get(0).path("provider").asText())
                .as("configuration kept").isEqualTo("openai");
        KUBERNETES.forEach(c -> assertThat(ClusterState.json(c, "WasmPlugin", "ai-proxy")
                .getBoolean("spec.defaultConfigDisable")).as(c).isTrue());

        asOperator().delete("/api/v1/plugins/ai-proxy").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
    }

    @Test
    void nacosBridgeAsInTheBrief() {
        asOperator().contentType("application/json")
                .body("{ \"name\": \"nacos-bridge\", \"nacos\": [{ \"name\": \"nacos-prod\", "
                        + "\"address\": \"nacos-prod.example.com:8848\", \"namespaceId\": \"prod\" }] }")
                .post("/api/v1/mcp-bridges").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("created")));
        JsonNode source = onlyWrite("POST", "/v1/service-sources");
        assertThat(source.path("name").asText()).isEqualTo("nacos-prod");
        assertThat(source.path("type").asText()).isEqualTo("nacos2");
        assertThat(source.path("domain").asText()).isEqualTo("nacos-prod.example.com");
        assertThat(source.path("port").asInt()).isEqualTo(8848);
        assertThat(source.path("properties").path("nacosNamespaceId").asText()).isEqualTo("prod");
        KUBERNETES.forEach(c -> assertThat(ClusterState.get(c, "McpBridge", "nacos-bridge")).as(c).isNotNull());
        // The console keeps its registries in its one bridge, "default".
        asViewer().get("/api/v1/mcp-bridges/default").then().statusCode(200)
                .body("clusters", contains("test"))
                .body("nacos[0].name", equalTo("nacos-prod"));
    }

    @Test
    void aDeadConsoleFailsOnlyItsCluster() {
        console.unreachable(true);
        asOperator().contentType("application/json")
                .body("{\"name\": \"while-down\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(207)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", contains("created", "created", "error"))
                .body("results[2].error.status", equalTo(502))
                .body("results[2].error.cluster", equalTo("test"))
                .body("results[2].error.upstream.kind", equalTo("console"));
        eventually(() -> "degraded".equals(asViewer().get("/api/v1/clusters/test").then().statusCode(200)
                .extract().path("status")));
        asViewer().get("/api/v1/clusters/test").then()
                .body("console.reachable", equalTo(false))
                .body("console.error", org.hamcrest.Matchers.notNullValue());

        console.unreachable(false);
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/routes/while-down").then().statusCode(200);
    }

    @Test
    void aDryRunOnTheConsoleWritesNothing() {
        String body = "{\"name\": \"dry-route\", \"paths\": [\"/dry/*\"], \"serviceName\": \"svc\", \"servicePort\": 80}";
        asOperator().queryParam("dryRun", true).contentType("application/json").body(body)
                .post("/api/v1/routes").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("create")));
        assertThat(console.route("dry-route")).isNull();

        asOperator().queryParam("clusters", "test").contentType("application/json").body(body)
                .post("/api/v1/routes").then().statusCode(201);
        console.clearRequests();
        asOperator().queryParam("clusters", "test").queryParam("dryRun", true).contentType("application/json")
                .body("{\"domain\": [\"dry.example.com\"]}")
                .put("/api/v1/routes/dry-route").then().statusCode(200)
                .body("results[0].status", equalTo("update"))
                .body("results[0].changes.to", org.hamcrest.Matchers.hasItem("dry.example.com"));
        asOperator().queryParam("clusters", "test").queryParam("dryRun", true)
                .delete("/api/v1/routes/dry-route").then().statusCode(200)
                .body("results[0].status", equalTo("delete"));
        assertThat(writes()).isEmpty();
        assertThat(console.requests()).isNotEmpty();
        asOperator().queryParam("clusters", "test").delete("/api/v1/routes/dry-route").then().statusCode(200);
    }

    @Test
    void clustersShowTheConsole() {
        console.version("2.3.1");
        eventually(() -> "2.3.1".equals(asViewer().get("/api/v1/clusters").then().statusCode(200)
                .extract().path("items.find { it.name == 'test' }.console.version")));
        JsonPath clusters = asViewer().get("/api/v1/clusters").then().statusCode(200).extract().jsonPath();
        assertThat(clusters.getString("items.find { it.name == 'test' }.console.url")).isEqualTo(console.url());
        assertThat(clusters.getBoolean("items.find { it.name == 'test' }.console.reachable")).isTrue();
        assertThat(clusters.getString("items.find { it.name == 'test' }.management")).isEqualTo("console");
        assertThat(clusters.getString("items.find { it.name == 'test' }.status")).isEqualTo("ok");
        assertThat(clusters.getMap("items.find { it.name == 'dev' }.console")).isNull();
        console.version("2.2.4");
    }

    @Test
    void manifestsAndExportRefuseTheConsoleCluster() {
        asViewer().queryParam("clusters", "test").get("/api/v1/export").then().statusCode(400)
                .body("cluster", equalTo("test"));
        asOperator().queryParam("clusters", "dev,test").contentType("application/yaml")
                .body(("apiVersion: networking.higress.io/v1\nkind: McpBridge\nmetadata:\n  name: from-manifest\n"
                        + "  namespace: higress-system\nspec:\n  registries: []\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(207)
                .body("results.status", contains("created", "error"))
                .body("results[1].error.status", equalTo(400))
                .body("results[1].error.cluster", equalTo("test"));
        assertThat(writes()).isEmpty();
        asOperator().queryParam("clusters", "dev").delete("/api/v1/mcp-bridges/from-manifest");
    }

    private List<String> writes() {
        return console.writes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** The one write the console received since the last clear, which must be {@code method path}; its body. */
    private JsonNode onlyWrite(String method, String path) {
        List<RecordedRequest> writes = console.writes();
        assertThat(writes).extracting(r -> r.method() + " " + r.path()).containsExactly(method + " " + path);
        try {
            return JSON.readTree(writes.get(0).body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Status checks run in the background: the listing shows a change on one of the next calls. */
    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
