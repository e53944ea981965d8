package io.higress.fleet.resources.httproute;

import static io.higress.fleet.resources.ai.AiFleet.awaitRollout;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTPRoutes at {@code /api/v1/httproutes}: CRUD across the simulated fleet, drift, export, a canary rollout, and bad
 * specs refused before any cluster is called.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class HttpRouteTest {
    static final List<String> ALL = List.of("dev", "prod", "test");

    static String body(String name, String host, int port) {
        return """
                {"name": "%s", "spec": {"parentRefs": [{"name": "higress-gateway"}], "hostnames": ["%s"],
                 "rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "/api"}}],
                            "backendRefs": [{"name": "example-service", "port": %d}]}]}}""".formatted(name, host, port);
    }

    static ObjectNode object(String cluster, String name) {
        return AiFleet.object(cluster, HttpRouteKind.HTTPROUTE.context(), name);
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(body("example-route", "example.com", 8080))
                .post("/api/v1/httproutes").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("HTTPRoute")))
                .body("results.status", everyItem(equalTo("created")));
        for (String c : ALL) {
            ObjectNode o = object(c, "example-route");
            assertThat(o).as(c).isNotNull();
            assertThat(o.path("apiVersion").asText()).isEqualTo("gateway.networking.k8s.io/v1");
            assertThat(o.at("/spec/parentRefs/0/name").asText()).isEqualTo("higress-gateway");
            assertThat(o.at("/spec/hostnames/0").asText()).isEqualTo("example.com");
            assertThat(o.at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(8080);
            assertThat(o.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("higress-fleet");
        }
        asViewer().get("/api/v1/httproutes").then().statusCode(200)
                .body("items.find { it.name == 'example-route' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'example-route' }.managed", equalTo(true))
                .body("items.find { it.name == 'example-route' }.drift", equalTo(false))
                .body("items.find { it.name == 'example-route' }.spec.rules[0].matches[0].path.value",
                        equalTo("/api"));

        // a merge patch: hostnames replaced, the rest of the spec kept
        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body("{\"spec\": {\"hostnames\": [\"new-example.com\"]}}")
                .put("/api/v1/httproutes/example-route").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].changes.path", contains("/spec/hostnames/0"));
        assertThat(object("prod", "example-route").at("/spec/hostnames/0").asText()).isEqualTo("new-example.com");
        assertThat(object("prod", "example-route").at("/spec/parentRefs/0/name").asText()).isEqualTo("higress-gateway");
        assertThat(object("dev", "example-route").at("/spec/hostnames/0").asText()).isEqualTo("example.com");
        asViewer().get("/api/v1/httproutes/example-route").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.prod.spec.hostnames[0]", equalTo("new-example.com"))
                .body("copies.dev.spec.hostnames[0]", equalTo("example.com"));
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(containsString("kind: HTTPRoute")).body(containsString("name: example-route"))
                .body(containsString("apiVersion: gateway.networking.k8s.io/v1"));

        asOperator().delete("/api/v1/httproutes/example-route").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(object(c, "example-route")).as(c).isNull());
    }

    @Test
    void anExportAppliedToAnotherClusterReproducesTheRoute() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(body("copied-route", "copy.example.com", 80)).post("/api/v1/httproutes").then().statusCode(201);
        String yaml = asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        asOperator().queryParam("clusters", "test").contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        assertThat(object("test", "copied-route").path("spec")).isEqualTo(object("dev", "copied-route").path("spec"));
        asOperator().queryParam("clusters", "dev,test").delete("/api/v1/httproutes/copied-route").then()
                .statusCode(200);
    }

    @Test
    void aBadSpecIsA400NamingTheFieldsAndNothingIsWritten() {
        asOperator().contentType("application/json").body("""
                {"name": "bad", "spec": {"hostnames": ["not a host", "*.ok.example.com"],
                 "rules": [{"backendRefs": [{"name": "svc"}, {"name": "svc2", "port": 70000}, {"port": 80}]}]}}""")
                .post("/api/v1/httproutes").then().statusCode(400)
                .body("errors.field", hasItems("spec.parentRefs", "spec.hostnames[0]",
                        "spec.rules[0].backendRefs[0].port", "spec.rules[0].backendRefs[1].port",
                        "spec.rules[0].backendRefs[2].name"))
                .body("errors.field", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("spec.hostnames[1]")));
        asOperator().contentType("application/json").body("{\"name\": \"bad\", \"spec\": {\"parentRefs\": []}}")
                .post("/api/v1/httproutes").then().statusCode(400).body("errors.field", hasItems("spec.parentRefs"));
        asOperator().contentType("application/json").body("{\"name\": \"bad\"}")
                .post("/api/v1/httproutes").then().statusCode(400).body("errors.field", hasItems("spec"));
        ALL.forEach(c -> assertThat(object(c, "bad")).as(c).isNull());

        // a PUT whose merged result loses the parentRefs is refused everywhere, nothing changed
        asOperator().contentType("application/json").body(body("kept", "kept.example.com", 80))
                .post("/api/v1/httproutes").then().statusCode(201);
        asOperator().contentType("application/json").body("{\"spec\": {\"parentRefs\": null}}")
                .put("/api/v1/httproutes/kept").then().statusCode(400)
                .body("errors.field", hasItems("spec.parentRefs"));
        ALL.forEach(c -> assertThat(object(c, "kept").at("/spec/parentRefs/0/name").asText()).as(c)
                .isEqualTo("higress-gateway"));
        asOperator().delete("/api/v1/httproutes/kept").then().statusCode(200);
    }

    @Test
    void aCanaryRolloutWritesTheRouteWaveByWave() {
        String id = asOperator().contentType("application/json").body("{\"strategy\": \"canary\", "
                + "\"canaryOrder\": [\"dev\", \"test\", \"prod\"], \"waitTime\": \"100ms\", \"httpRoutes\": ["
                + body("rolled", "rolled.example.com", 9090) + "]}")
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        var done = awaitRollout(id, j -> List.of("succeeded", "failed", "rolled-back").contains(j.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getString("waves[0].clusters[0].name")).isEqualTo("dev");
        for (String c : ALL) {
            assertThat(object(c, "rolled").at("/spec/rules/0/backendRefs/0/port").asInt()).as(c).isEqualTo(9090);
        }
        asOperator().delete("/api/v1/httproutes/rolled").then().statusCode(200);
    }
}
