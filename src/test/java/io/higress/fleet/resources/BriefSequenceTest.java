package io.higress.fleet.resources;

import io.higress.fleet.resources.plugin.PluginImages;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The brief's §3.2 curl sequence, bodies verbatim, against three simulated clusters: each object must appear with
 * the right fields in every cluster's API server. Only the host differs from the brief (and the token is real).
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class BriefSequenceTest {
    static final List<String> ALL = List.of("dev", "prod", "test");

    /** {@code curl -X POST /api/v1/user/login -d '{"username": "admin", "password": "password"}'} */
    static RequestSpecification withLoginToken() {
        String token = RestAssured.given().contentType("application/json")
                .body("{\"username\": \"admin\", \"password\": \"password\"}")
                .post("/api/v1/user/login").then().statusCode(200).extract().path("data.token");
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    @Test
    void routesAsInTheBrief() {
        RequestSpecification api = withLoginToken();
        RestAssured.given().spec(api).contentType("application/json")
                .body("{ \"name\": \"example-route\", \"domain\": [\"example.com\"], \"paths\": [\"/api/*\"], "
                        + "\"serviceName\": \"example-service\", \"servicePort\": 8080 }")
                .post("/api/v1/routes").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.status", everyItem(equalTo("created")))
                .body("summary.succeeded", equalTo(3));
        for (String cluster : ALL) {
            JsonPath ing = ClusterState.json(cluster, "Ingress", "example-route");
            assertThat(ing).as(cluster).isNotNull();
            assertThat(ing.getString("spec.ingressClassName")).isEqualTo("higress");
            assertThat(ing.getList("spec.rules.host")).containsExactly("example.com");
            assertThat(ing.getString("spec.rules[0].http.paths[0].path")).isEqualTo("/api");
            assertThat(ing.getString("spec.rules[0].http.paths[0].pathType")).isEqualTo("Prefix");
            assertThat(ing.getString("spec.rules[0].http.paths[0].backend.service.name")).isEqualTo("example-service");
            assertThat(ing.getInt("spec.rules[0].http.paths[0].backend.service.port.number")).isEqualTo(8080);
            assertThat(ing.getString("metadata.labels.'app.kubernetes.io/managed-by'")).isEqualTo("higress-fleet");
        }

        RestAssured.given().spec(api).get("/api/v1/routes").then().statusCode(200)
                .body("items.find { it.name == 'example-route' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'example-route' }.drift", equalTo(false))
                .body("items.find { it.name == 'example-route' }.domain", contains("example.com"))
                .body("items.find { it.name == 'example-route' }.paths", contains("/api/*"));

        RestAssured.given().spec(api).contentType("application/json").body("{\"domain\": [\"new-example.com\"]}")
                .put("/api/v1/routes/example-route").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        for (String cluster : ALL) {
            JsonPath ing = ClusterState.json(cluster, "Ingress", "example-route");
            assertThat(ing.getList("spec.rules.host")).as(cluster).containsExactly("new-example.com");
            assertThat(ing.getInt("spec.rules[0].http.paths[0].backend.service.port.number")).isEqualTo(8080);
        }

        RestAssured.given().spec(api).delete("/api/v1/routes/example-route").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String cluster : ALL) {
            assertThat(ClusterState.get(cluster, "Ingress", "example-route")).as(cluster).isNull();
        }
    }

    @Test
    void pluginAsInTheBrief() {
        RequestSpecification api = withLoginToken();
        RestAssured.given().spec(api).contentType("application/json")
                .body("{ \"name\": \"ai-proxy\", \"type\": \"WasmPlugin\", \"phase\": \"DEFAULT\", \"priority\": 300, "
                        + "\"config\": { \"services\": [{ \"provider\": \"openai\", \"api_tokens\": [\"sk-xxx\"], "
                        + "\"endpoint\": \"https://api.openai.com/v1\" }] } }")
                .post("/api/v1/plugins").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")));
        for (String cluster : ALL) {
            JsonPath p = ClusterState.json(cluster, "WasmPlugin", "ai-proxy");
            assertThat(p.getString("spec.phase")).as(cluster).isEqualTo("UNSPECIFIED_PHASE");
            assertThat(p.getInt("spec.priority")).isEqualTo(300);
            assertThat(p.getString("spec.url")).isEqualTo(PluginImages.DEFAULT_REGISTRY + "/ai-proxy:1.0.0");
            assertThat(p.getList("spec.defaultConfig.services[0].api_tokens")).containsExactly("sk-xxx");
            assertThat(p.getString("spec.defaultConfig.services[0].provider")).isEqualTo("openai");
            assertThat(p.getBoolean("spec.defaultConfigDisable")).isFalse();
        }

        RestAssured.given().spec(api).post("/api/v1/plugins/ai-proxy/enable").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        RestAssured.given().spec(api).post("/api/v1/plugins/ai-proxy/disable").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")))
                .body("results[0].changes.path", contains("/spec/defaultConfigDisable"));
        ALL.forEach(c -> assertThat(ClusterState.json(c, "WasmPlugin", "ai-proxy")
                .getBoolean("spec.defaultConfigDisable")).as(c).isTrue());
        RestAssured.given().spec(api).post("/api/v1/plugins/ai-proxy/enable").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        ALL.forEach(c -> assertThat(ClusterState.json(c, "WasmPlugin", "ai-proxy")
                .getBoolean("spec.defaultConfigDisable")).as(c).isFalse());

        // Secrets: redacted for viewers and operators, shown to admins.
        asViewer().get("/api/v1/plugins/ai-proxy").then().statusCode(200)
                .body("config.services[0].api_tokens", contains("[redacted]")) // an array stays an array
                .body("clusters", contains("dev", "prod", "test"));
        asAdmin().get("/api/v1/plugins/ai-proxy").then().statusCode(200)
                .body("config.services[0].api_tokens", contains("sk-xxx"))
                .body("phase", equalTo("DEFAULT")); // as the brief sent it
        asOperator().queryParam("dryRun", true).contentType("application/json")
                .body("{\"config\": {\"services\": [{\"provider\": \"openai\", \"api_tokens\": [\"sk-new\"]}]}}")
                .put("/api/v1/plugins/ai-proxy").then().statusCode(200)
                // one change at the secret's key, never compared with the stored value; the array stays an array
                .body("results[0].changes.find { it.path.contains('api_tokens') }.to", contains("[redacted]"));
    }

    @Test
    void nacosBridgeAsInTheBrief() {
        RestAssured.given().spec(withLoginToken()).contentType("application/json")
                .body("{ \"name\": \"nacos-bridge\", \"nacos\": [{ \"name\": \"nacos-prod\", "
                        + "\"address\": \"nacos-prod.example.com:8848\", \"namespaceId\": \"prod\" }] }")
                .post("/api/v1/mcp-bridges").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")));
        for (String cluster : ALL) {
            JsonPath b = ClusterState.json(cluster, "McpBridge", "nacos-bridge");
            // nacosGroups: Nacos's default group, which Higress and its console need (the brief's body has none)
            assertThat(b.getMap("spec.registries[0]")).as(cluster).isEqualTo(Map.of("type", "nacos2",
                    "name", "nacos-prod", "domain", "nacos-prod.example.com", "port", 8848,
                    "nacosNamespaceId", "prod", "nacosGroups", List.of("DEFAULT_GROUP")));
        }
        asViewer().get("/api/v1/mcp-bridges").then().statusCode(200)
                .body("items.name", hasItem("nacos-bridge"));
    }

    @Test
    void aSelectorWritesOnlyTheClustersItSelects() {
        asOperator().queryParam("selector", "env=prod").contentType("application/json")
                .body("{\"name\": \"prod-only\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(201)
                .body("results.cluster", contains("prod"));
        assertThat(ClusterState.get("prod", "Ingress", "prod-only")).isNotNull();
        assertThat(ClusterState.get("dev", "Ingress", "prod-only")).isNull();
        assertThat(ClusterState.get("test", "Ingress", "prod-only")).isNull();
    }

    @Test
    void viewersCannotWrite() {
        asViewer().contentType("application/json")
                .body("{\"name\": \"viewer-route\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(403);
        asViewer().post("/api/v1/plugins/ai-proxy/disable").then().statusCode(403);
        ALL.forEach(c -> assertThat(ClusterState.get(c, "Ingress", "viewer-route")).isNull());
    }
}
