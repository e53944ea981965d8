package io.higress.fleet.resources.plugininstance;

import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
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
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plugin instances at the global, domain, route and service scopes in dev and prod: the WasmPlugin's
 * {@code defaultConfig} and {@code matchRules} as the console's WasmPluginInstanceServiceImpl writes them,
 * enable/disable per scope, secrets hidden, 400s naming the field with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class PluginInstanceTest {

    @BeforeEach
    void empty() {
        AiFleet.clear();
    }

    private static void put(String body) {
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json").body(body)
                .post("/api/v1/plugin-instances").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")))
                .body("results.kind", everyItem(equalTo("PluginInstance")));
    }

    @Test
    void everyScopeIsAMatchRuleOfTheConsolesWasmPluginAndSwitchesAlone() {
        put("""
                {"name": "key-auth.route.r1", "plugin": "key-auth", "scope": "ROUTE", "target": "r1",
                 "config": {"allow": ["consumer1"]}}""");
        put("""
                {"name": "key-auth.domain.example.com", "plugin": "key-auth", "scope": "DOMAIN",
                 "target": "example.com", "config": {"allow": ["consumer2"]}}""");
        put("""
                {"name": "key-auth.service.svc.default.svc.cluster.local", "plugin": "key-auth", "scope": "SERVICE",
                 "target": "svc.default.svc.cluster.local", "config": {"allow": ["consumer3"]}}""");
        put("""
                {"name": "key-auth.global", "plugin": "key-auth", "scope": "GLOBAL",
                 "config": {"consumers": [{"name": "consumer1", "credential": "ck-secret-1"}], "keys": ["x-api-key"]}}""");
        for (String c : KUBERNETES) {
            JsonNode cr = object(c, WASM_PLUGINS, "key-auth-1.0.0");
            assertThat(cr).as(c).isNotNull();
            assertThat(cr.at("/metadata/labels/higress.io~1wasm-plugin-name").asText()).isEqualTo("key-auth");
            assertThat(cr.at("/metadata/labels/higress.io~1resource-definer").asText()).isEqualTo("higress");
            assertThat(cr.at("/spec/matchRules")).as(c).isEqualTo(json("""
                    [{"configDisable": false, "config": {"allow": ["consumer3"]},
                      "service": ["svc.default.svc.cluster.local"]},
                     {"configDisable": false, "config": {"allow": ["consumer1"]}, "ingress": ["r1"]},
                     {"configDisable": false, "config": {"allow": ["consumer2"]}, "domain": ["example.com"]}]"""));
            assertThat(cr.at("/spec/defaultConfigDisable").asBoolean()).isFalse();
            assertThat(cr.at("/spec/defaultConfig/keys/0").asText()).isEqualTo("x-api-key");
            assertThat(cr.at("/spec/failStrategy").asText()).isEqualTo("FAIL_OPEN");
            assertThat(cr.at("/spec/priority").asInt()).isEqualTo(310);
        }
        asViewer().get("/api/v1/plugin-instances").then().statusCode(200)
                .body("items.name", hasItems("key-auth.global", "key-auth.route.r1", "key-auth.domain.example.com",
                        "key-auth.service.svc.default.svc.cluster.local"))
                .body("items.find { it.name == 'key-auth.route.r1' }.drift", equalTo(false))
                .body("items.find { it.name == 'key-auth.route.r1' }.scope", equalTo("ROUTE"))
                .body(not(containsString("ck-secret-1")));

        // disable the route's instance only
        asOperator().queryParam("clusters", "dev,prod").post("/api/v1/plugin-instances/key-auth.route.r1/disable")
                .then().statusCode(200).body("results.status", everyItem(equalTo("updated")))
                .body("results[0].changes.path", hasItem("/spec/matchRules/1/configDisable"));
        for (String c : KUBERNETES) {
            JsonNode rules = object(c, WASM_PLUGINS, "key-auth-1.0.0").at("/spec/matchRules");
            assertThat(rules.at("/1/configDisable").asBoolean()).as(c).isTrue();
            assertThat(rules.at("/0/configDisable").asBoolean()).as(c).isFalse();
            assertThat(rules.at("/2/configDisable").asBoolean()).as(c).isFalse();
        }
        asViewer().get("/api/v1/plugin-instances/key-auth.route.r1").then().statusCode(200)
                .body("enabled", equalTo(false)).body("config.allow[0]", equalTo("consumer1"));
        asOperator().queryParam("clusters", "dev").post("/api/v1/plugin-instances/key-auth.global/disable").then()
                .statusCode(200);
        assertThat(object("dev", WASM_PLUGINS, "key-auth-1.0.0").at("/spec/defaultConfigDisable").asBoolean()).isTrue();
        asViewer().get("/api/v1/plugin-instances/key-auth.global").then().statusCode(200).body("drift", equalTo(true));

        // delete the domain's instance: its rule goes, the others stay
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/plugin-instances/key-auth.domain.example.com")
                .then().statusCode(200).body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            assertThat(object(c, WASM_PLUGINS, "key-auth-1.0.0").at("/spec/matchRules")).as(c).hasSize(2);
        }
        asViewer().get("/api/v1/plugin-instances/key-auth.domain.example.com").then().statusCode(404);
    }

    @Test
    void aCustomPluginsInstancesGoIntoItsOwnWasmPlugin() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                {"name": "my-filter", "type": "WasmPlugin", "url": "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/my-filter:1.0.0",
                 "priority": 10, "config": {"level": 1}}""").post("/api/v1/plugins").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                {"name": "my-filter.route.r9", "plugin": "my-filter", "scope": "ROUTE", "target": "r9",
                 "enabled": false, "config": {"level": 2}}""").post("/api/v1/plugin-instances").then()
                .statusCode(201);
        assertThat(object("dev", WASM_PLUGINS, "my-filter").at("/spec/matchRules")).isEqualTo(json("""
                [{"configDisable": true, "config": {"level": 2}, "ingress": ["r9"]}]"""));
        asViewer().queryParam("clusters", "dev").get("/api/v1/plugin-instances/my-filter.global").then()
                .statusCode(200).body("config.level", equalTo(1)).body("enabled", equalTo(true));
    }

    @Test
    void badInstancesAre400sNamingTheFieldAndNothingIsWritten() {
        Map<String, String> bad = Map.of(
                "scope", "{\"name\": \"key-auth.cluster.x\", \"plugin\": \"key-auth\", \"scope\": \"CLUSTER\", \"target\": \"x\"}",
                "target", "{\"name\": \"key-auth.route.\", \"plugin\": \"key-auth\", \"scope\": \"ROUTE\"}",
                "name", "{\"name\": \"key-auth.route.r2\", \"plugin\": \"key-auth\", \"scope\": \"ROUTE\", \"target\": \"r1\"}",
                "plugin", "{\"name\": \"no-such.route.r1\", \"plugin\": \"no-such\", \"scope\": \"ROUTE\", \"target\": \"r1\"}");
        Map<String, String> before = AiFleet.snapshot();
        bad.forEach((field, body) -> asOperator().queryParam("clusters", "dev,prod").contentType("application/json")
                .body(body).post("/api/v1/plugin-instances").then().statusCode(400)
                .body("errors.field", hasItem(field)));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
    }
}
