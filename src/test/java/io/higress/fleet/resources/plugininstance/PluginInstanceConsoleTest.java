package io.higress.fleet.resources.plugininstance;

import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
import static io.higress.fleet.resources.ai.AiFleet.console;
import static io.higress.fleet.resources.ai.AiFleet.json;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plugin instances on the console-managed cluster {@code test}: each scope is the console's
 * {@code /v1/{global|domains|routes|services}/.../plugin-instances/{plugin}}, enable/disable switch that instance
 * only, drift against a Kubernetes copy, bad input a 400 with nothing sent to the console.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class PluginInstanceConsoleTest {
    private static final String ROUTE = "key-auth.route.r1";
    private static final String DOMAIN = "key-auth.domain.example.com";
    private static final String SERVICE = "key-auth.service.svc.default.svc.cluster.local";
    private static final String GLOBAL = "key-auth.global";

    @BeforeEach
    void fresh() {
        AiFleet.clear();
        for (String name : new String[] {ROUTE, DOMAIN, SERVICE, GLOBAL}) {
            asOperator().queryParam("clusters", "test").delete("/api/v1/plugin-instances/" + name);
        }
        ObjectNode route = (ObjectNode) json("""
                {"name": "r1", "domains": [], "path": {"matchType": "PRE", "matchValue": "/r1", "caseSensitive": true},
                 "services": [{"name": "svc.default.svc.cluster.local", "port": 80, "weight": 100}]}""");
        console().seedRoute(route);
        console().seedService("svc.default.svc.cluster.local", "default", 80);
        console().seedService("svc.default.svc.cluster.local", "default", 8080);
        if (console().domain("example.com") == null) {
            console().seedDomain("example.com");
        }
        console().clearRequests();
    }

    private static void post(String clusters, String body) {
        asOperator().queryParam("clusters", clusters).contentType("application/json").body(body)
                .post("/api/v1/plugin-instances").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")));
    }

    private static void postAll(String clusters) {
        post(clusters, """
                {"name": "key-auth.route.r1", "plugin": "key-auth", "scope": "ROUTE", "target": "r1",
                 "config": {"allow": ["consumer1"]}}""");
        post(clusters, """
                {"name": "key-auth.domain.example.com", "plugin": "key-auth", "scope": "DOMAIN",
                 "target": "example.com", "config": {"allow": ["consumer2"]}}""");
        post(clusters, """
                {"name": "key-auth.service.svc.default.svc.cluster.local", "plugin": "key-auth", "scope": "SERVICE",
                 "target": "svc.default.svc.cluster.local", "config": {"allow": ["consumer3"]}}""");
        post(clusters, """
                {"name": "key-auth.global", "plugin": "key-auth", "scope": "GLOBAL",
                 "config": {"keys": ["x-api-key"], "consumers": [{"name": "consumer1", "credential": "ck-secret-1"}]}}""");
    }

    @Test
    void everyScopeIsTheConsolesInstanceFieldByField() {
        postAll("test");
        assertThat(console().writes()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "PUT /v1/routes/r1/plugin-instances/key-auth",
                "PUT /v1/domains/example.com/plugin-instances/key-auth",
                "PUT /v1/services/svc.default.svc.cluster.local/plugin-instances/key-auth",
                "PUT /v1/global/plugin-instances/key-auth");
        JsonNode sent = json(console().writes().get(0).body());
        assertThat(sent.path("pluginName").asText()).isEqualTo("key-auth");
        assertThat(sent.path("scope").asText()).isEqualTo("ROUTE");
        assertThat(sent.path("target").asText()).isEqualTo("r1");
        assertThat(sent.path("enabled").asBoolean()).isTrue();
        assertThat(sent.path("configurations")).isEqualTo(json("{\"allow\": [\"consumer1\"]}"));
        Map<String, String[]> stored = Map.of("consumer1", new String[] {"ROUTE", "r1"},
                "consumer2", new String[] {"DOMAIN", "example.com"},
                "consumer3", new String[] {"SERVICE", "svc.default.svc.cluster.local"});
        stored.forEach((consumer, at) -> {
            ObjectNode i = console().scopedInstance(at[0], at[1], "key-auth");
            assertThat(i).as(at[0]).isNotNull();
            assertThat(i.path("enabled").asBoolean()).as(at[0]).isTrue();
            assertThat(i.path("configurations")).as(at[0]).isEqualTo(json("{\"allow\": [\"" + consumer + "\"]}"));
        });
        assertThat(console().instance("key-auth").path("configurations").path("keys").get(0).asText())
                .isEqualTo("x-api-key");

        asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances/" + ROUTE).then().statusCode(200)
                .body("scope", equalTo("ROUTE")).body("target", equalTo("r1")).body("plugin", equalTo("key-auth"))
                .body("enabled", equalTo(true)).body("config.allow[0]", equalTo("consumer1"))
                .body("managed", equalTo(true));
        asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances/" + SERVICE).then()
                .statusCode(200).body("target", equalTo("svc.default.svc.cluster.local"));
        asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances").then().statusCode(200)
                .body("items.name", hasItems(GLOBAL, ROUTE, DOMAIN, SERVICE))
                .body("items.findAll { it.name == '" + SERVICE + "' }.size()", equalTo(1))
                .body("items.find { it.name == '" + SERVICE + "' }.target", equalTo("svc.default.svc.cluster.local"))
                .body(org.hamcrest.Matchers.not(containsString("ck-secret-1")));

        // disable / enable each scope alone, the configuration kept
        for (String name : new String[] {ROUTE, DOMAIN, SERVICE, GLOBAL}) {
            asOperator().queryParam("clusters", "test").post("/api/v1/plugin-instances/" + name + "/disable").then()
                    .statusCode(200).body("results[0].status", equalTo("updated"))
                    .body("results[0].changes.path", hasItem("/enabled"));
            asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances/" + name).then()
                    .statusCode(200).body("enabled", equalTo(false));
            for (String other : new String[] {ROUTE, DOMAIN, SERVICE, GLOBAL}) {
                if (!other.equals(name)) {
                    asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances/" + other).then()
                            .statusCode(200).body("enabled", equalTo(true));
                }
            }
            asOperator().queryParam("clusters", "test").post("/api/v1/plugin-instances/" + name + "/enable").then()
                    .statusCode(200).body("results[0].status", equalTo("updated"));
        }
        ObjectNode route = console().scopedInstance("ROUTE", "r1", "key-auth");
        assertThat(route.path("enabled").asBoolean()).isTrue();
        assertThat(route.path("configurations")).isEqualTo(json("{\"allow\": [\"consumer1\"]}"));

        // delete: that instance goes, the others stay
        asOperator().queryParam("clusters", "test").delete("/api/v1/plugin-instances/" + DOMAIN).then()
                .statusCode(200).body("results[0].status", equalTo("deleted"));
        assertThat(console().scopedInstance("DOMAIN", "example.com", "key-auth")).isNull();
        assertThat(console().scopedInstance("ROUTE", "r1", "key-auth")).isNotNull();
        asViewer().queryParam("clusters", "test").get("/api/v1/plugin-instances/" + DOMAIN).then().statusCode(404);
    }

    @Test
    void aKubernetesAndAConsoleCopyDriftApart() {
        postAll("dev,test");
        assertThat(object("dev", WASM_PLUGINS, "key-auth-1.0.0").at("/spec/matchRules")).hasSize(3);
        asViewer().queryParam("clusters", "dev,test").get("/api/v1/plugin-instances/" + ROUTE).then()
                .statusCode(200).body("clusters", hasItems("dev", "test")).body("drift", equalTo(false));
        asOperator().queryParam("clusters", "test").post("/api/v1/plugin-instances/" + ROUTE + "/disable").then()
                .statusCode(200);
        asViewer().queryParam("clusters", "dev,test").get("/api/v1/plugin-instances/" + ROUTE).then()
                .statusCode(200).body("drift", equalTo(true));
        asViewer().queryParam("clusters", "dev,test").get("/api/v1/plugin-instances/" + DOMAIN).then()
                .statusCode(200).body("drift", equalTo(false));
    }

    @Test
    void badInputIsA400AndNothingReachesTheConsole() {
        Map<String, String> bad = Map.of(
                "scope", "{\"name\": \"key-auth.cluster.x\", \"plugin\": \"key-auth\", \"scope\": \"CLUSTER\", \"target\": \"x\"}",
                "target", "{\"name\": \"key-auth.route.\", \"plugin\": \"key-auth\", \"scope\": \"ROUTE\"}",
                "name", "{\"name\": \"key-auth.route.r2\", \"plugin\": \"key-auth\", \"scope\": \"ROUTE\", \"target\": \"r1\"}");
        bad.forEach((field, body) -> asOperator().queryParam("clusters", "test").contentType("application/json")
                .body(body).post("/api/v1/plugin-instances").then().statusCode(400)
                .body("errors.field", hasItem(field)));
        assertThat(console().writes()).isEmpty();

        // the console refuses an instance of a route it does not have: its 400, nothing stored
        asOperator().queryParam("clusters", "test").contentType("application/json").body("""
                {"name": "key-auth.route.nope", "plugin": "key-auth", "scope": "ROUTE", "target": "nope"}""")
                .post("/api/v1/plugin-instances").then().statusCode(400).body(containsString("Unknown route: nope"));
        assertThat(console().scopedInstance("ROUTE", "nope", "key-auth")).isNull();

        // and one of a service its gateway does not have (the console lists none in its own namespace)
        console().seedService("internal.higress-system.svc.cluster.local", "higress-system", 80);
        for (String service : new String[] {"nope.default.svc.cluster.local", "internal.higress-system.svc.cluster.local"}) {
            asOperator().queryParam("clusters", "test").contentType("application/json").body("""
                    {"name": "key-auth.service.%s", "plugin": "key-auth", "scope": "SERVICE", "target": "%s"}"""
                    .formatted(service, service))
                    .post("/api/v1/plugin-instances").then().statusCode(400)
                    .body(containsString("Unknown service: " + service));
            assertThat(console().scopedInstance("SERVICE", service, "key-auth")).as(service).isNull();
        }
    }

    /** A list makes one console call per target: a few at once (at most 4), not one after the other, nor all. */
    @Test
    void aListReadsTheTargetsFourAtATime() throws Exception {
        for (int i = 0; i < 6; i++) {
            console().seedService("s" + i + ".default.svc.cluster.local", "default", 80);
        }
        post("test", """
                {"name": "key-auth.service.s5.default.svc.cluster.local", "plugin": "key-auth", "scope": "SERVICE",
                 "target": "s5.default.svc.cluster.local", "config": {"allow": ["consumer5"]}}""");
        console().holdReads("/plugin-instances");
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> list;
        try {
            list = java.util.concurrent.CompletableFuture.supplyAsync(() -> asViewer().queryParam("clusters", "test")
                    .get("/api/v1/plugin-instances").then().extract().response());
            io.higress.fleet.sim.Poll.until("four target reads in flight", java.time.Duration.ofSeconds(30),
                    () -> console().heldReads() >= 4);
            assertThat(console().mostHeldAtOnce()).as("at most four at once").isEqualTo(4);
        } finally {
            console().stopHolding();
        }
        io.restassured.response.Response answer = list.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getList("items.name", String.class))
                .contains("key-auth.service.s5.default.svc.cluster.local");
        assertThat(console().mostHeldAtOnce()).isEqualTo(4);
        asOperator().queryParam("clusters", "test")
                .delete("/api/v1/plugin-instances/key-auth.service.s5.default.svc.cluster.local").then().statusCode(200);
    }
}
