package io.higress.fleet.resources.consumer;

import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A canary rollout of consumers across dev, test and prod (all Kubernetes): a failed gate in test puts back only the
 * consumers' entries in dev and test (another consumer, written meanwhile, stays), and no rollout view shows a
 * credential.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class ConsumerRolloutTest {

    @AfterEach
    void healthy() {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0));
    }

    private static Map<String, Object> consumer(String name, String value) {
        return Map.of("name", name, "credentials", List.of(Map.of("type", "key-auth", "source", "HEADER",
                "key", "x-api-key", "values", List.of(value))));
    }

    @Test
    void aFailedGateRestoresOnlyTheRolledOutEntries() {
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body(consumer("alice", "key-old")).post("/api/v1/consumers").then().statusCode(201);
        JsonNode before = object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers/0");
        SimulatedFleetResource.fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);

        String id = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                "canaryOrder", List.of("dev", "test", "prod"), "waitTime", "300ms", "onFailure", "rollback",
                "consumers", List.of(consumer("alice", "key-new"), consumer("carol", "key-carol"))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        assertThat(await(id, j -> "baking".equals(j.getString("waves[0].clusters[0].state"))
                || "rolled-back".equals(j.getString("state"))).getString("waves[0].clusters[0].name"))
                .isEqualTo("dev");
        // while it bakes, another writer adds a consumer in dev: the rollback must keep it
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(consumer("dave", "key-dave")).post("/api/v1/consumers").then().statusCode(201);
        JsonPath done = await(id, j -> "rolled-back".equals(j.getString("state")));

        assertThat(done.getString("reason")).contains("test-gw-1 is DRAINING");
        for (String c : List.of("dev", "test")) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "key-auth.internal");
            List<String> names = new ArrayList<>();
            plugin.at("/spec/defaultConfig/consumers").forEach(p -> names.add(p.path("name").asText()));
            assertThat(names).as(c).containsExactlyElementsOf(c.equals("dev") ? List.of("alice", "dave")
                    : List.of("alice"));
            assertThat(plugin.at("/spec/defaultConfig/consumers/0")).as(c).isEqualTo(before);
        }
        assertThat(object("prod", WASM_PLUGINS, "key-auth.internal")).isNull();

        for (var caller : List.of(asViewer(), asOperator())) {
            String view = caller.get("/api/v1/rollouts/" + id).then().statusCode(200).extract().asString();
            assertThat(view).contains("alice").doesNotContain("key-new").doesNotContain("key-carol")
                    .doesNotContain("key-old");
        }
        asAdmin().queryParam("clusters", "dev").get("/api/v1/consumers/alice").then().statusCode(200)
                .body("credentials[0].values[0]", org.hamcrest.Matchers.equalTo("key-old"));
    }

    static JsonPath await(String id, java.util.function.Predicate<JsonPath> done) {
        return Poll.until(() -> asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath(),
                done);
    }
}
