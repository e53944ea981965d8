package io.higress.fleet.resources.ai.route;

import static io.higress.fleet.resources.ai.AiFleet.CONFIG_MAPS;
import static io.higress.fleet.resources.ai.AiFleet.ENVOY_FILTERS;
import static io.higress.fleet.resources.ai.AiFleet.INGRESSES;
import static io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS;
import static io.higress.fleet.resources.ai.AiFleet.awaitRollout;
import static io.higress.fleet.resources.ai.AiFleet.json;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A canary rollout of a provider plus an AI route across dev, test and prod (all Kubernetes): a failed gate in test
 * rolls both back in dev and test (the route's upstreams are providers the clusters hold already: a rollout plans
 * every object of a cluster before it writes any). The route that existed before is as it was; another route's instances in the
 * shared plugins, written while the rollout baked, stay.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class AiRouteRolloutTest {

    @AfterEach
    void healthy() {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0));
    }

    /**
     * A rollout of an openai provider whose service moves writes the routes using it again in each cluster, as a
     * REST write does, and its rollback does too: the route sends where the provider it restored sends. The
     * clusters' actions are the rollout's objects only.
     */
    @Test
    void theRoutesOfARolledOutProviderFollowItAndItsRollback() {
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body("{\"name\": \"oa\", \"type\": \"openai\", \"tokens\": [\"sk-old\"]}")
                .post("/api/v1/ai/providers").then().statusCode(201);
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"oa\"}]}")
                .post("/api/v1/ai/routes").then().statusCode(201);
        Map<String, Object> custom = Map.of("name", "oa", "type", "openai", "tokens", List.of("sk-old"),
                "rawConfigs", Map.of("openaiCustomServiceName", "my-llm.default.svc.cluster.local",
                        "openaiCustomServicePort", 8000));
        String first = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                        "canaryOrder", List.of("dev", "test"), "onFailure", "rollback", "aiProviders", List.of(custom)))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        JsonPath done = awaitRollout(first, j -> List.of("succeeded", "failed", "rolled-back")
                .contains(j.getString("state")));
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getList("waves.clusters.actions.flatten()")).containsExactly("update", "update");
        for (String c : List.of("dev", "test")) {
            assertThat(destination(c)).as(c).isEqualTo("my-llm.default.svc.cluster.local:8000");
        }

        // back to openai's own service; test's gateway fails the gate: both clusters roll back to the custom one
        SimulatedFleetResource.fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);
        String second = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                        "canaryOrder", List.of("dev", "test"), "onFailure", "rollback", "aiProviders",
                        List.of(Map.of("name", "oa", "type", "openai", "tokens", List.of("sk-old")))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        assertThat(awaitRollout(second, j -> "rolled-back".equals(j.getString("state")))
                .getList("waves.clusters.actions.flatten()")).containsExactly("update", "update");
        for (String c : List.of("dev", "test")) {
            assertThat(destination(c)).as(c).isEqualTo("my-llm.default.svc.cluster.local:8000");
        }
    }

    private static String destination(String cluster) {
        return object(cluster, INGRESSES, "ai-route-r.internal").at("/metadata/annotations/higress.io~1destination")
                .asText();
    }

    @Test
    void aFailedGateRollsBackTheProviderAndTheRoute() {
        for (String p : List.of("qwen-cn", "deepseek")) {
            asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                    .body("{\"name\": \"" + p + "\", \"type\": \"" + p.replace("-cn", "") + "\", \"tokens\": [\"sk-old\"]}")
                    .post("/api/v1/ai/providers").then().statusCode(201);
        }
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body("{\"name\": \"chat\", \"upstreams\": [{\"provider\": \"qwen-cn\", \"modelMapping\": {\"*\": \"qwen-max\"}}]}")
                .post("/api/v1/ai/routes").then().statusCode(201);
        JsonNode before = json(object("dev", CONFIG_MAPS, "ai-route-chat").at("/data/data").asText());
        JsonNode providersBefore = object("dev", WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers");
        JsonNode mapperBefore = object("dev", WASM_PLUGINS, "model-mapper.internal").at("/spec/matchRules");
        SimulatedFleetResource.fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);

        String id = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                "canaryOrder", List.of("dev", "test", "prod"), "waitTime", "300ms", "onFailure", "rollback",
                "aiProviders", List.of(Map.of("name", "qwen-cn", "type", "qwen", "tokens", List.of("sk-new"))),
                "aiRoutes", List.of(Map.of("name", "chat",
                        "upstreams", List.of(Map.of("provider", "qwen-cn", "weight", 50),
                                Map.of("provider", "deepseek", "weight", 50)),
                        "fallbackConfig", Map.of("enabled", true, "upstreams", List.of(Map.of("provider", "deepseek")),
                                "responseCodes", List.of("4xx", "5xx"))))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        assertThat(awaitRollout(id, j -> "baking".equals(j.getString("waves[0].clusters[0].state"))
                || "rolled-back".equals(j.getString("state"))).getString("waves[0].clusters[0].name"))
                .isEqualTo("dev");
        // while it bakes, another writer adds a route in dev: the rollback must keep its instances
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"name\": \"side\", \"upstreams\": [{\"provider\": \"qwen-cn\", \"modelMapping\": {\"a\": \"b\"}}]}")
                .post("/api/v1/ai/routes").then().statusCode(201);
        JsonPath done = awaitRollout(id, j -> "rolled-back".equals(j.getString("state")));
        assertThat(done.getString("reason")).contains("test-gw-1 is DRAINING");

        for (String c : List.of("dev", "test")) {
            assertThat(json(object(c, CONFIG_MAPS, "ai-route-chat").at("/data/data").asText())).as(c)
                    .isEqualTo(before);
            assertThat(object(c, INGRESSES, "ai-route-chat.internal").at("/metadata/annotations/higress.io~1destination")
                    .asText()).as(c).isEqualTo("llm-qwen-cn.internal.dns:443");
            assertThat(object(c, INGRESSES, "ai-route-chat.fallback.internal")).as(c).isNull();
            assertThat(object(c, ENVOY_FILTERS, "ai-route-chat.internal")).as(c).isNull();
            assertThat(object(c, WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers")).as(c)
                    .isEqualTo(providersBefore);
            assertThat(object(c, WASM_PLUGINS, "ai-statistics-2.0.1").at("/spec/matchRules").toString()).as(c)
                    .doesNotContain("ai-route-chat.fallback.internal");
        }
        JsonNode mapper = object("dev", WASM_PLUGINS, "model-mapper.internal").at("/spec/matchRules");
        assertThat(mapper.toString()).contains("ai-route-side.internal");
        assertThat(mapper.get(0)).isEqualTo(mapperBefore.get(0));
        assertThat(object("dev", CONFIG_MAPS, "ai-route-side")).isNotNull();
        assertThat(object("prod", CONFIG_MAPS, "ai-route-chat")).isNull();
        asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("sk-new")));
    }
}
