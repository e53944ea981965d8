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
        @ResourceArg(name = "fleet.upstreams.console.retries", value = "0"),
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/,oci://registry.example.com/plugins/")})
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

        asViewer().queryParam("clusters", "test").get("/api/v1/plugins").then().statusCode(200)
                .body("items.name", contains("ai-proxy")); // built-ins not in use are not the fleet's business
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
        assertThat(source.path("properties").path("nacosGroups").toString()).as("the console needs a group")
                .isEqualTo("[\"DEFAULT_GROUP\"]");
        KUBERNETES.forEach(c -> assertThat(ClusterState.json(c, "McpBridge", "nacos-bridge")
                .getList("spec.registries[0].nacosGroups")).as(c).containsExactly("DEFAULT_GROUP"));
        // The console keeps its registries in its one bridge, "default".
        asViewer().get("/api/v1/mcp-bridges/default").then().statusCode(200)
                .body("clusters", contains("test"))
                .body("nacos[0].name", equalTo("nacos-prod"));

        // The same POST again: the registry exists in the console too, so every cluster answers 409.
        console.clearRequests();
        asOperator().contentType("application/json")
                .body("{ \"name\": \"nacos-bridge\", \"nacos\": [{ \"name\": \"nacos-prod\", "
                        + "\"address\": \"nacos-prod.example.com:8848\", \"namespaceId\": \"prod\" }] }")
                .post("/api/v1/mcp-bridges").then().statusCode(409)
                .body("errors.cluster", contains("dev", "prod", "test"));
        assertThat(writes()).isEmpty();
        asOperator().queryParam("clusters", "test").delete("/api/v1/mcp-bridges/default").then().statusCode(200);
        assertThat(console.source("nacos-prod")).isNull();
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/mcp-bridges/nacos-bridge").then()
                .statusCode(200);
    }

    @Test
    void writeAnswersDescribeWhatTheConsoleHolds() {
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"held\", \"paths\": [\"/held/*\"], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(201)
                .body("results[0].resourceVersion", equalTo(console.route("held").path("version").asText()))
                .body("results[0].changes.find { it.path == '/services' }.to[0].name",
                        equalTo("svc.higress-system.svc.cluster.local"))
                .body("results[0].changes.find { it.path == '/customLabels' }.to.'app.kubernetes.io/managed-by'",
                        equalTo("higress-fleet"));
        asViewer().queryParam("clusters", "test").get("/api/v1/routes/held").then().statusCode(200)
                .body("managed", equalTo(true));
        console.clearRequests();
        asOperator().queryParam("clusters", "test").contentType("application/json").body("{\"servicePort\": 80}")
                .put("/api/v1/routes/held").then().statusCode(200).body("results[0].status", equalTo("unchanged"))
                .body("results[0].resourceVersion", equalTo(console.route("held").path("version").asText()));
        assertThat(writes()).isEmpty();

        JsonPath plugin = asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"ai-statistics\", \"config\": {\"enable\": true}}")
                .post("/api/v1/plugins").then().statusCode(201).extract().jsonPath();
        assertThat(plugin.getString("results[0].resourceVersion")).as("the instance's version, as the console answered")
                .isEqualTo(console.instance("ai-statistics").path("version").asText());
        assertThat(plugin.getString("results[0].changes.find { it.path == '/instance/pluginVersion' }.to"))
                .isEqualTo("2.0.1");
        asViewer().queryParam("clusters", "test").get("/api/v1/plugins/ai-statistics").then().statusCode(200)
                .body("priority", equalTo(900)).body("phase", equalTo("DEFAULT"))
                .body("url", equalTo("oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/ai-statistics:2.0.1"));
        asOperator().queryParam("clusters", "test").delete("/api/v1/plugins/ai-statistics").then().statusCode(200);
        asOperator().queryParam("clusters", "test").delete("/api/v1/routes/held").then().statusCode(200);
    }

    @Test
    void aPutChangesOnlyWhatItNamesAndSendsBackEverythingElseTheConsoleHolds() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode route = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree("""
                {"name":"split","domains":["split.example.com"],
                 "path":{"matchType":"PRE","matchValue":"/split","caseSensitive":false},
                 "methods":["GET","POST"],"rewrite":{"enabled":true,"path":"/v2"},
                 "services":[{"name":"a.higress-system.svc.cluster.local","port":80,"weight":70},
                             {"name":"b.higress-system.svc.cluster.local","port":80,"weight":30}],
                 "customLabels":{"app.kubernetes.io/managed-by":"higress-fleet","team":"edge"}}""");
        console.seedRoute(route);
        console.clearRequests();
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"domain\": [\"new-split.example.com\"]}")
                .put("/api/v1/routes/split").then().statusCode(200).body("results[0].status", equalTo("updated"));
        JsonNode put = onlyWrite("PUT", "/v1/routes/split");
        assertThat(put.path("domains").toString()).isEqualTo("[\"new-split.example.com\"]");
        assertThat(put.path("services")).as("70/30 kept").isEqualTo(route.path("services"));
        assertThat(put.path("methods")).isEqualTo(route.path("methods"));
        assertThat(put.path("rewrite")).isEqualTo(route.path("rewrite"));
        assertThat(put.path("path").path("caseSensitive").asBoolean(true)).isFalse();
        assertThat(put.path("customLabels").path("team").asText()).isEqualTo("edge");
        assertThat(console.route("split").path("services")).hasSize(2);

        // A stale version (someone else's PUT won the race): the console's 409 is re-read and retried once.
        console.clearRequests();
        console.answerNext("PUT", 409, "{\"success\":false,\"message\":"
                + "\"com.alibaba.higress.sdk.exception.ResourceConflictException: null\"}");
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"domain\": [\"third.example.com\"]}")
                .put("/api/v1/routes/split").then().statusCode(200).body("results[0].status", equalTo("updated"));
        assertThat(writes()).containsExactly("PUT /v1/routes/split", "PUT /v1/routes/split");
        assertThat(console.route("split").path("domains").toString()).isEqualTo("[\"third.example.com\"]");
        asOperator().queryParam("clusters", "test").delete("/api/v1/routes/split").then().statusCode(200);
    }

    @Test
    void whatTheFleetDidNotCreateIsNotManagedAndIsLeftAloneWithoutForce() {
        asViewer().queryParam("clusters", "test").get("/api/v1/routes/default").then().statusCode(200)
                .body("managed", equalTo(false)).body("serviceName", equalTo("higress-console"));
        console.clearRequests();
        asOperator().queryParam("clusters", "test").delete("/api/v1/routes/default").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("not managed by higress-fleet"))
                .body("hint", org.hamcrest.Matchers.containsString("force=true"));
        asOperator().queryParam("clusters", "test").contentType("application/json").body("{\"domain\": [\"x.com\"]}")
                .put("/api/v1/routes/default").then().statusCode(409);
        assertThat(writes()).isEmpty();
        assertThat(console.route("default")).isNotNull();

        // the console's internal key-auth instance is invisible, never listed, never deleted
        asViewer().queryParam("clusters", "test").get("/api/v1/plugins").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("key-auth")));
        asOperator().queryParam("clusters", "test").delete("/api/v1/plugins/key-auth").then().statusCode(404);
        assertThat(writes()).isEmpty();
        assertThat(console.internalInstance("key-auth")).isNotNull();
    }

    @Test
    void missingObjectsAre404FromTheFacadeWhateverTheConsoleWouldAnswer() {
        console.clearRequests();
        asOperator().queryParam("clusters", "test").delete("/api/v1/routes/never-there").then().statusCode(404)
                .body("cluster", equalTo("test"));
        asOperator().queryParam("clusters", "test").contentType("application/json").body("{\"domain\": [\"x.com\"]}")
                .put("/api/v1/routes/never-there").then().statusCode(404);
        asOperator().queryParam("clusters", "test").delete("/api/v1/mcp-bridges/default").then().statusCode(404);
        asOperator().queryParam("clusters", "test").post("/api/v1/plugins/ai-agent/disable").then().statusCode(404);
        assertThat(writes()).as("no 204 DELETE nor 500 PUT asked of the console").isEmpty();
    }

    @Test
    void aCustomPluginGetsTheCategoryAndTitleTheConsoleRequiresThenItsInstance() {
        console.clearRequests();
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"my-plugin\", \"phase\": \"AUTHN\", \"priority\": 10, \"config\": {\"k\": \"v\"},"
                        + " \"url\": \"oci://registry.example.com/plugins/my-plugin:2.0.1\"}")
                .post("/api/v1/plugins").then().statusCode(201).body("results[0].status", equalTo("created"));
        assertThat(writes()).containsExactly("POST /v1/wasm-plugins", "PUT /v1/global/plugin-instances/my-plugin");
        JsonNode definition = body(console.writes().get(0));
        assertThat(definition.path("category").asText()).isEqualTo("custom");
        assertThat(definition.path("title").asText()).isEqualTo("my-plugin");
        assertThat(definition.path("imageRepository").asText()).isEqualTo("oci://registry.example.com/plugins/my-plugin");
        assertThat(definition.path("imageVersion").asText()).isEqualTo("2.0.1");
        asViewer().queryParam("clusters", "test").get("/api/v1/plugins/my-plugin").then().statusCode(200)
                .body("url", equalTo("oci://registry.example.com/plugins/my-plugin:2.0.1"))
                .body("config.k", equalTo("v")).body("enabled", equalTo(true)).body("managed", equalTo(true));
        console.clearRequests();
        asOperator().queryParam("clusters", "test").delete("/api/v1/plugins/my-plugin").then().statusCode(200);
        assertThat(writes()).containsExactly("DELETE /v1/global/plugin-instances/my-plugin",
                "DELETE /v1/wasm-plugins/my-plugin");
        assertThat(console.plugin("my-plugin")).isNull();
    }

    @Test
    void aRolloutWritesTheConsoleClusterThroughTheSameApplier() throws Exception {
        String id = asOperator().contentType("application/json").body("""
                {"strategy": "canary", "waves": [["dev"], ["test"]], "waitTime": "0s",
                 "healthGate": {"gatewaysReady": false},
                 "routes": [{"name": "rolled", "domain": ["rolled.example.com"], "paths": ["/*"],
                             "serviceName": "v2", "servicePort": 8080}]}""")
                .post("/api/v1/rollouts").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state;
        do {
            Thread.sleep(100);
            state = asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().path("state");
        } while (!state.equals("succeeded") && !state.equals("failed") && System.nanoTime() < deadline);
        assertThat(state).isEqualTo("succeeded");
        assertThat(ClusterState.get("dev", "Ingress", "rolled")).isNotNull();
        assertThat(console.route("rolled").path("customLabels").path(Ownership.LABEL).asText())
                .isEqualTo(Ownership.VALUE);
        assertThat(console.route("rolled").path("services").get(0).path("name").asText())
                .isEqualTo("v2.higress-system.svc.cluster.local");
        asOperator().queryParam("clusters", "dev,test").delete("/api/v1/routes/rolled").then().statusCode(200);
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
                .body("results[0].changes.find { it.path == '/domains' }.to", contains("dry.example.com"));
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

    private static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
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
