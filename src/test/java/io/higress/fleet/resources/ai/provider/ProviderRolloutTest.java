package io.higress.fleet.resources.ai.provider;

import static io.higress.fleet.resources.ai.AiFleet.MCP_BRIDGES;
import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
import static io.higress.fleet.resources.ai.AiFleet.awaitRollout;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
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
 * A canary rollout of providers across dev, test and prod (all Kubernetes): a failed gate in test puts back only
 * the providers' entries in dev and test (another provider's entry, written meanwhile, stays), and no rollout view
 * shows a token.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class ProviderRolloutTest {

    @AfterEach
    void healthy() {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0));
    }

    @Test
    void aFailedGateRestoresOnlyTheRolledOutEntries() {
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body("{\"name\": \"qwen-cn\", \"type\": \"qwen\", \"tokens\": [\"sk-old\"]}")
                .post("/api/v1/ai/providers").then().statusCode(201);
        JsonNode before = object("dev", WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers/0");
        SimulatedFleetResource.fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);

        String id = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                "canaryOrder", List.of("dev", "test", "prod"), "waitTime", "300ms", "onFailure", "rollback",
                "aiProviders", List.of(
                        Map.of("name", "qwen-cn", "type", "qwen", "tokens", List.of("sk-new")),
                        Map.of("name", "deepseek", "type", "deepseek", "tokens", List.of("sk-deep")))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        // while it bakes, another writer adds a provider in dev: the rollback must keep it
        assertThat(awaitRollout(id, j -> "baking".equals(j.getString("waves[0].clusters[0].state"))
                || "rolled-back".equals(j.getString("state"))).getString("waves[0].clusters[0].name"))
                .isEqualTo("dev");
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"name\": \"moon\", \"type\": \"moonshot\", \"tokens\": [\"sk-moon\"]}")
                .post("/api/v1/ai/providers").then().statusCode(201);
        JsonPath done = awaitRollout(id, j -> "rolled-back".equals(j.getString("state")));

        assertThat(done.getString("reason")).contains("test-gw-1 is DRAINING");
        for (String c : List.of("dev", "test")) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "ai-proxy.internal");
            List<String> ids = new ArrayList<>();
            plugin.at("/spec/defaultConfig/providers").forEach(p -> ids.add(p.path("id").asText()));
            assertThat(ids).as(c).containsExactlyElementsOf(c.equals("dev") ? List.of("qwen-cn", "moon")
                    : List.of("qwen-cn"));
            assertThat(plugin.at("/spec/defaultConfig/providers/0")).as(c).isEqualTo(before);
            assertThat(plugin.at("/spec/matchRules").toString()).as(c).doesNotContain("deepseek");
            assertThat(object(c, MCP_BRIDGES, "default").at("/spec/registries").toString()).as(c)
                    .contains("llm-qwen-cn.internal").doesNotContain("llm-deepseek.internal");
        }
        assertThat(object("dev", MCP_BRIDGES, "default").at("/spec/registries").toString())
                .contains("llm-moon.internal");
        assertThat(object("prod", WASM_PLUGINS, "ai-proxy.internal")).isNull();

        for (var caller : List.of(asViewer(), asOperator())) {
            String view = caller.get("/api/v1/rollouts/" + id).then().statusCode(200).extract().asString();
            assertThat(view).contains("qwen-cn").doesNotContain("sk-new").doesNotContain("sk-deep")
                    .doesNotContain("sk-old");
        }
        asAdmin().queryParam("clusters", "dev").get("/api/v1/ai/providers/qwen-cn").then().statusCode(200)
                .body("tokens[0]", org.hamcrest.Matchers.equalTo("sk-old"));
    }
}
