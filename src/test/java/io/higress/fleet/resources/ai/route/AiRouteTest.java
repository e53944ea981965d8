package io.higress.fleet.resources.ai.route;

import static io.higress.fleet.resources.ai.AiFleet.CONFIG_MAPS;
import static io.higress.fleet.resources.ai.AiFleet.ENVOY_FILTERS;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI routes across dev and prod (Kubernetes) and test (console): the objects field by field against what the
 * console's AiRouteServiceImpl writes, aggregated reads with drift, delete leaving others' entries in the shared
 * plugins, export re-applied to an empty cluster, and 400s naming the field with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class AiRouteTest {
    static final String ROUTE = """
            {"name": "chat", "domains": ["ai.example.com"],
             "upstreams": [{"provider": "openai-main", "weight": 70, "modelMapping": {"gpt-4": "gpt-4o"}},
                           {"provider": "qwen-cn", "weight": 30}],
             "modelPredicates": [{"matchType": "PRE", "matchValue": "gpt-"}, {"matchType": "EQUAL", "matchValue": "qwen.max"}],
             "headerPredicates": [{"key": "x-team", "matchType": "EQUAL", "matchValue": "a"}],
             "urlParamPredicates": [{"key": "v", "matchType": "PRE", "matchValue": "2"}],
             "authConfig": {"enabled": true, "allowedConsumers": ["alice"]},
             "fallbackConfig": {"enabled": true, "upstreams": [{"provider": "qwen-cn"}], "fallbackStrategy": "SEQ",
                                "responseCodes": ["5xx"]}}""";

    @BeforeEach
    void providers() {
        AiFleet.clear();
        AiFleet.console().clearAi();
        AiFleet.console().clearRequests();
        for (String p : java.util.List.of("openai-main", "qwen-cn")) {
            asOperator().contentType("application/json").body("{\"name\": \"" + p + "\", \"type\": \""
                    + (p.startsWith("qwen") ? "qwen" : "openai") + "\", \"tokens\": [\"sk-" + p + "\"]}")
                    .post("/api/v1/ai/providers").then().statusCode(201);
        }
    }

    /** The document AiRouteServiceImpl stores for {@link #ROUTE} (defaults filled in, SEQ keeps the weight). */
    static final JsonNode STORED = json("""
            {"name": "chat", "domains": ["ai.example.com"],
             "pathPredicate": {"matchType": "PRE", "matchValue": "/", "caseSensitive": true},
             "headerPredicates": [{"key": "x-team", "matchType": "EQUAL", "matchValue": "a"}],
             "urlParamPredicates": [{"key": "v", "matchType": "PRE", "matchValue": "2"}],
             "upstreams": [{"provider": "openai-main", "weight": 70, "modelMapping": {"gpt-4": "gpt-4o"}},
                           {"provider": "qwen-cn", "weight": 30}],
             "modelPredicates": [{"matchType": "PRE", "matchValue": "gpt-"}, {"matchType": "EQUAL", "matchValue": "qwen.max"}],
             "authConfig": {"enabled": true, "allowedConsumers": ["alice"]},
             "fallbackConfig": {"enabled": true, "upstreams": [{"provider": "qwen-cn", "weight": 100}],
                                "fallbackStrategy": "SEQ", "responseCodes": ["5xx"]},
             "proxyNextUpstream": {"enabled": true, "attempts": 3, "timeout": 120,
                                   "conditions": ["error", "timeout", "non_idempotent"]}}""");

    @Test
    void createWritesWhatTheConsoleWritesInEveryCluster() {
        asOperator().contentType("application/json").body(ROUTE).post("/api/v1/ai/routes").then()
                .statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("AiRoute")))
                .body("results.status", everyItem(equalTo("created")));
        for (String c : KUBERNETES) {
            ObjectNode cm = object(c, CONFIG_MAPS, "ai-route-chat");
            assertThat(cm.at("/metadata/labels/higress.io~1config-map-type").asText()).isEqualTo("ai-route");
            assertThat(cm.at("/metadata/labels/higress.io~1resource-definer").asText()).isEqualTo("higress");
            assertThat(json(cm.at("/data/data").asText())).as(c).isEqualTo(STORED);

            ObjectNode ing = object(c, INGRESSES, "ai-route-chat.internal");
            assertThat(ing.at("/metadata/labels")).isEqualTo(json("""
                    {"higress.io/domain_ai.example.com": "true", "higress.io/resource-definer": "higress",
                     "higress.io/internal": "true", "app.kubernetes.io/managed-by": "higress-fleet"}"""));
            assertThat(ing.at("/metadata/annotations")).as(c).isEqualTo(json("""
                    {"higress.io/comment": "PLEASE DO NOT EDIT DIRECTLY. This resource is managed by Higress.",
                     "higress.io/prefix-match-query-v": "2",
                     "higress.io/exact-match-header-x-team": "a",
                     "higress.io/regex-match-header-x-higress-llm-model": "^(gpt-.*|qwen\\\\.max)",
                     "higress.io/enable-proxy-next-upstream": "true",
                     "higress.io/proxy-next-upstream-tries": "3",
                     "higress.io/proxy-next-upstream-timeout": "120",
                     "higress.io/proxy-next-upstream": "error,timeout,non_idempotent",
                     "higress.io/ignore-path-case": "false",
                     "higress.io/destination": "70% llm-openai-main.internal.dns:443\\n30% llm-qwen-cn.internal.dns:443"}"""));
            assertThat(ing.path("spec")).isEqualTo(json("""
                    {"ingressClassName": "higress", "rules": [{"host": "ai.example.com", "http": {"paths": [
                      {"path": "/", "pathType": "Prefix", "backend": {"resource": {"apiGroup": "networking.higress.io",
                       "kind": "McpBridge", "name": "default"}}}]}}]}"""));

            ObjectNode fallback = object(c, INGRESSES, "ai-route-chat.fallback.internal");
            assertThat(fallback.at("/metadata/annotations/higress.io~1exact-match-header-x-higress-fallback-from")
                    .asText()).isEqualTo("ai-route-chat.internal");
            assertThat(fallback.at("/metadata/annotations/higress.io~1destination").asText())
                    .isEqualTo("llm-qwen-cn.internal.dns:443");
            ObjectNode filter = object(c, ENVOY_FILTERS, "ai-route-chat.internal");
            JsonNode patch = filter.at("/spec/configPatches/0");
            assertThat(patch.at("/match/routeConfiguration/vhost/route/name").asText())
                    .isEqualTo("ai-route-chat.internal");
            JsonNode cr = patch.at("/patch/value/typed_per_filter_config/envoy.filters.http.custom_response/value"
                    + "/custom_response_matcher/matcher_list/matchers/0");
            assertThat(cr.at("/predicate/single_predicate/value_match/exact").asText()).isEqualTo("5xx");
            assertThat(cr.at("/on_match/action/typed_config/value/request_headers_to_add/0/header")).isEqualTo(json(
                    "{\"key\": \"x-higress-fallback-from\", \"value\": \"ai-route-chat.internal\"}"));

            assertThat(object(c, WASM_PLUGINS, "model-router.internal").at("/spec/defaultConfig"))
                    .isEqualTo(json("{\"modelToHeader\": \"x-higress-llm-model\"}"));
            assertThat(object(c, WASM_PLUGINS, "model-router.internal").at("/spec/defaultConfigDisable").asBoolean())
                    .isFalse();
            assertThat(object(c, WASM_PLUGINS, "model-mapper.internal").at("/spec/matchRules")).isEqualTo(json("""
                    [{"configDisable": false, "config": {"modelMapping": {"gpt-4": "gpt-4o"}},
                      "ingress": ["ai-route-chat.internal"], "service": ["llm-openai-main.internal.dns"]}]"""));
            ObjectNode stats = object(c, WASM_PLUGINS, "ai-statistics-2.0.1");
            assertThat(stats.at("/spec/matchRules").toString()).contains("{\"configDisable\":false,\"config\":"
                    + "{\"use_default_response_attributes\":true},\"ingress\":[\"ai-route-chat.fallback.internal\"]}")
                    .contains("\"ingress\":[\"ai-route-chat.internal\"]");
            ObjectNode keyAuth = object(c, WASM_PLUGINS, "key-auth.internal");
            assertThat(keyAuth.at("/spec/matchRules").toString())
                    .contains("{\"configDisable\":false,\"config\":{\"allow\":[\"alice\"]},\"ingress\":[\"ai-route-chat.internal\"]}");
            assertThat(keyAuth.at("/spec/defaultConfig/keys/0").asText()).isEqualTo("x-higress-dummy-key");
        }
        ObjectNode console = AiFleet.console().aiRoute("chat");
        console.remove("version");
        assertThat((JsonNode) console).isEqualTo(STORED);

        asViewer().get("/api/v1/ai/routes").then().statusCode(200)
                .body("items.find { it.name == 'chat' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'chat' }.drift", equalTo(false))
                .body("items.find { it.name == 'chat' }.upstreams.weight", contains(70, 30));
        asOperator().contentType("application/json").body(ROUTE).post("/api/v1/ai/routes").then().statusCode(409);
        // the same body again through a PUT: nothing to do anywhere
        asOperator().contentType("application/json").body(ROUTE).put("/api/v1/ai/routes/chat").then()
                .statusCode(200).body("results.status", everyItem(equalTo("unchanged")));
    }

    @Test
    void updateDriftAndDeleteKeepOthersEntries() {
        asOperator().contentType("application/json").body(ROUTE).post("/api/v1/ai/routes").then().statusCode(201);
        asOperator().contentType("application/json").body("""
                {"name": "other", "upstreams": [{"provider": "qwen-cn", "modelMapping": {"*": "qwen-max"}}]}""")
                .post("/api/v1/ai/routes").then().statusCode(201);
        JsonNode otherStored = json(object("dev", CONFIG_MAPS, "ai-route-other").at("/data/data").asText());
        assertThat(otherStored.at("/upstreams/0/weight").asInt()).isEqualTo(100);
        assertThat(object("dev", INGRESSES, "ai-route-other.internal").at("/spec/rules/0/host").isMissingNode())
                .isTrue();
        assertThat(object("dev", INGRESSES, "ai-route-other.internal").at("/metadata/labels")
                .has("higress.io/domain_higress-default-domain")).isTrue();

        // a RAND fallback: every fallback upstream, stored and routed with weight 1, as the console does
        asOperator().queryParam("clusters", "dev,test").contentType("application/json").body("""
                {"fallbackConfig": {"enabled": true, "responseCodes": ["4xx", "5xx"],
                 "upstreams": [{"provider": "openai-main"}, {"provider": "qwen-cn"}]}}""")
                .put("/api/v1/ai/routes/other").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        assertThat(json(object("dev", CONFIG_MAPS, "ai-route-other").at("/data/data").asText())
                .at("/fallbackConfig")).isEqualTo(json("""
                {"enabled": true, "upstreams": [{"provider": "openai-main", "weight": 1}, {"provider": "qwen-cn", "weight": 1}],
                 "fallbackStrategy": "RAND", "responseCodes": ["4xx", "5xx"]}"""));
        assertThat(AiFleet.console().aiRoute("other").at("/fallbackConfig/upstreams/1/weight").asInt()).isEqualTo(1);
        assertThat(object("dev", INGRESSES, "ai-route-other.fallback.internal")
                .at("/metadata/annotations/higress.io~1destination").asText())
                .isEqualTo("1% llm-openai-main.internal.dns:443\n1% llm-qwen-cn.internal.dns:443");
        assertThat(object("dev", ENVOY_FILTERS, "ai-route-other.internal").at("/spec/configPatches/0/patch/value"
                + "/typed_per_filter_config/envoy.filters.http.custom_response/value/custom_response_matcher"
                + "/matcher_list/matchers/0/predicate/or_matcher/predicate/1/single_predicate/value_match/exact")
                .asText()).isEqualTo("5xx");
        asViewer().queryParam("clusters", "dev,test").get("/api/v1/ai/routes/other").then().statusCode(200)
                .body("drift", equalTo(false));

        // another tool's annotation on prod's Ingress: the facade keeps it
        ObjectNode annotated = object("prod", INGRESSES, "ai-route-chat.internal");
        ((ObjectNode) annotated.at("/metadata/annotations")).put("example.com/owner", "team-a");
        AiFleet.put("prod", INGRESSES, annotated);

        // prod and test only: drop the fallback and the header and query predicates; one upstream
        asOperator().queryParam("clusters", "prod,test").contentType("application/json").body("""
                {"upstreams": [{"provider": "openai-main", "weight": 100}], "fallbackConfig": {"enabled": false},
                 "headerPredicates": [], "urlParamPredicates": []}""")
                .put("/api/v1/ai/routes/chat").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        // what the route no longer says goes from its Ingress (else it would still match only x-team: a)
        assertThat(object("prod", INGRESSES, "ai-route-chat.internal").at("/metadata/annotations")).isEqualTo(json("""
                {"higress.io/comment": "PLEASE DO NOT EDIT DIRECTLY. This resource is managed by Higress.",
                 "higress.io/regex-match-header-x-higress-llm-model": "^(gpt-.*|qwen\\\\.max)",
                 "higress.io/enable-proxy-next-upstream": "true",
                 "higress.io/proxy-next-upstream-tries": "3",
                 "higress.io/proxy-next-upstream-timeout": "120",
                 "higress.io/proxy-next-upstream": "error,timeout,non_idempotent",
                 "higress.io/ignore-path-case": "false",
                 "example.com/owner": "team-a",
                 "higress.io/destination": "llm-openai-main.internal.dns:443"}"""));
        assertThat(object("dev", INGRESSES, "ai-route-chat.internal")
                .at("/metadata/annotations/higress.io~1exact-match-header-x-team").asText()).isEqualTo("a");
        assertThat(object("prod", INGRESSES, "ai-route-chat.fallback.internal")).isNull();
        assertThat(object("prod", ENVOY_FILTERS, "ai-route-chat.internal")).isNull();
        assertThat(object("prod", INGRESSES, "ai-route-chat.internal").at("/metadata/annotations/higress.io~1destination")
                .asText()).isEqualTo("llm-openai-main.internal.dns:443");
        assertThat(object("prod", WASM_PLUGINS, "ai-statistics-2.0.1").at("/spec/matchRules").toString())
                .doesNotContain("ai-route-chat.fallback.internal").contains("ai-route-other.internal");
        assertThat(object("dev", ENVOY_FILTERS, "ai-route-chat.internal")).isNotNull();
        assertThat(AiFleet.console().aiRoute("chat").at("/fallbackConfig/enabled").asBoolean()).isFalse();
        asViewer().get("/api/v1/ai/routes/chat").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.dev.fallbackConfig.enabled", equalTo(true))
                .body("copies.prod.fallbackConfig.enabled", equalTo(false));

        asOperator().delete("/api/v1/ai/routes/chat").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            assertThat(object(c, CONFIG_MAPS, "ai-route-chat")).as(c).isNull();
            assertThat(object(c, INGRESSES, "ai-route-chat.internal")).as(c).isNull();
            assertThat(object(c, INGRESSES, "ai-route-chat.fallback.internal")).as(c).isNull();
            assertThat(object(c, ENVOY_FILTERS, "ai-route-chat.internal")).as(c).isNull();
            assertThat(object(c, WASM_PLUGINS, "model-mapper.internal").at("/spec/matchRules").toString()).as(c)
                    .doesNotContain("ai-route-chat").contains("ai-route-other.internal");
            assertThat(object(c, WASM_PLUGINS, "key-auth.internal").at("/spec/matchRules").toString()).as(c)
                    .doesNotContain("ai-route-chat").contains("ai-route-other.internal");
            assertThat(object(c, WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers").size())
                    .isEqualTo(2);
            // the console never removes the model router's global instance
            assertThat(object(c, WASM_PLUGINS, "model-router.internal").at("/spec/defaultConfigDisable").asBoolean())
                    .isFalse();
        }
        assertThat(AiFleet.console().aiRoute("chat")).isNull();
        asOperator().delete("/api/v1/ai/routes/chat").then().statusCode(404);
        asViewer().get("/api/v1/ai/routes/other").then().statusCode(200).body("clusters", contains("dev", "prod", "test"));
    }

    /**
     * LlmProviderServiceImpl.syncRelatedAiRoutes: after an openai provider's update its routes are saved again, so
     * their Ingresses and model-mapper rules send to its new service; a route not using it, a qwen provider's update
     * (whose service cannot change) and a dry run write no route.
     */
    @Test
    void aProviderUpdateWritesTheRoutesUsingItAgainAsTheConsoleDoes() {
        asOperator().contentType("application/json").body(ROUTE).post("/api/v1/ai/routes").then().statusCode(201);
        asOperator().contentType("application/json").body("""
                {"name": "other", "upstreams": [{"provider": "qwen-cn"}]}""")
                .post("/api/v1/ai/routes").then().statusCode(201);
        String otherIngress = object("dev", INGRESSES, "ai-route-other.internal").at("/metadata/resourceVersion")
                .asText();
        String custom = """
                {"rawConfigs": {"openaiCustomServiceName": "my-llm.default.svc.cluster.local",
                                "openaiCustomServicePort": 8000}}""";

        asOperator().queryParam("dryRun", true).contentType("application/json").body(custom)
                .put("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("results.kind", everyItem(equalTo("LlmProvider")));
        assertThat(object("dev", INGRESSES, "ai-route-chat.internal").at("/metadata/annotations/higress.io~1destination")
                .asText()).isEqualTo("70% llm-openai-main.internal.dns:443\n30% llm-qwen-cn.internal.dns:443");

        var answer = asOperator().contentType("application/json").body(custom)
                .put("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("summary.failed", equalTo(0)).extract().jsonPath();
        assertThat(answer.getList("results.findAll { it.kind == 'LlmProvider' }.cluster"))
                .containsExactly("dev", "prod", "test");
        // Kubernetes clusters only: a console re-saves its routes itself
        assertThat(answer.getList("results.findAll { it.kind == 'AiRoute' }.collect { it.cluster + ' ' + it.name"
                + " + ' ' + it.status + ' ' + it.resavedAfter }")).containsExactly(
                        "dev chat updated LlmProvider higress-system/openai-main",
                        "prod chat updated LlmProvider higress-system/openai-main");
        for (String c : KUBERNETES) {
            assertThat(object(c, INGRESSES, "ai-route-chat.internal").at("/metadata/annotations/higress.io~1destination")
                    .asText()).as(c).isEqualTo("70% my-llm.default.svc.cluster.local:8000\n"
                            + "30% llm-qwen-cn.internal.dns:443");
            // the rule for the old service stays, as the console leaves it (it sets the current services' only)
            assertThat(object(c, WASM_PLUGINS, "model-mapper.internal").at("/spec/matchRules").toString()).as(c)
                    .contains("\"ingress\":[\"ai-route-chat.internal\"],\"service\":[\"my-llm.default.svc.cluster.local\"]");
            assertThat(json(object(c, CONFIG_MAPS, "ai-route-chat").at("/data/data").asText())).as(c)
                    .isEqualTo(STORED);
        }
        assertThat(object("dev", INGRESSES, "ai-route-other.internal").at("/metadata/resourceVersion").asText())
                .isEqualTo(otherIngress);

        // unchanged, or a type whose service does not move: the provider alone
        asOperator().contentType("application/json").body(custom).put("/api/v1/ai/providers/openai-main").then()
                .statusCode(200).body("results.kind", everyItem(equalTo("LlmProvider")))
                .body("results.status", everyItem(equalTo("unchanged")));
        asOperator().contentType("application/json").body("{\"tokens\": [\"sk-new\"]}")
                .put("/api/v1/ai/providers/qwen-cn").then().statusCode(200)
                .body("results.kind", everyItem(equalTo("LlmProvider")))
                .body("results.status", everyItem(equalTo("updated")));
        assertThat(object("dev", INGRESSES, "ai-route-other.internal").at("/metadata/resourceVersion").asText())
                .isEqualTo(otherIngress);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWritten() {
        Map<String, String> before = AiFleet.snapshot();
        AiFleet.console().clearRequests();
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\", \"weight\": 60}, {\"provider\": \"qwen-cn\", \"weight\": 30}]}",
                "upstreams");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"fallbackConfig\": {\"enabled\": true, \"responseCodes\": [\"5xx\"]}}",
                "fallbackConfig.upstreams");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"fallbackConfig\": {\"enabled\": true, \"fallbackStrategy\": \"ROUND\", \"upstreams\": [{\"provider\": \"qwen-cn\"}], \"responseCodes\": [\"5xx\"]}}",
                "fallbackConfig.fallbackStrategy");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"fallbackConfig\": {\"enabled\": true, \"upstreams\": [{\"provider\": \"qwen-cn\"}], \"responseCodes\": [\"503\"]}}",
                "fallbackConfig.responseCodes[0]");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"modelPredicates\": [{\"matchType\": \"REGULAR\", \"matchValue\": \"gpt.*\"}]}",
                "modelPredicates[0].matchType");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"headerPredicates\": [{\"key\": \"x-higress-llm-model\", \"matchType\": \"EQUAL\", \"matchValue\": \"a\"}]}",
                "headerPredicates[0].key");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"urlParamPredicates\": [{\"key\": \"v\", \"matchType\": \"like\", \"matchValue\": \"a\"}]}",
                "urlParamPredicates[0].matchType");
        bad("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"openai-main\"}], \"pathPredicate\": {\"matchType\": \"EQUAL\", \"matchValue\": \"/v1\"}}",
                "pathPredicate.matchType");
        bad("{\"name\": \"Bad_Name\", \"domains\": [\"10.0.0.1\"], \"upstreams\": [{\"provider\": \"openai-main\"}]}",
                "name", "domains[0]");
        bad("{\"name\": \"r\", \"upstreams\": []}", "upstreams");
        // a provider a cluster does not have: that cluster's 400, and nothing is written anywhere
        asOperator().contentType("application/json").body("{\"name\": \"r\", \"upstreams\": [{\"provider\": \"nope\"}]}")
                .post("/api/v1/ai/routes").then().statusCode(400)
                .body(containsString("upstreams[0].provider"));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    private static void bad(String body, String... fields) {
        var then = asOperator().contentType("application/json").body(body).post("/api/v1/ai/routes").then()
                .statusCode(400);
        for (String f : fields) {
            then.body("errors.field", hasItem(f));
        }
    }

    @Test
    void anExportOfTheAiConfigurationReappliedToAnEmptyClusterGivesTheSameObjects() {
        // dev alone holds the AI configuration: prod starts empty
        AiFleet.clear();
        for (String p : java.util.List.of("openai-main", "qwen-cn")) {
            asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"name\": \"" + p
                    + "\", \"type\": \"" + (p.startsWith("qwen") ? "qwen" : "openai") + "\", \"tokens\": [\"sk-" + p
                    + "\"]}").post("/api/v1/ai/providers").then().statusCode(201);
        }
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(ROUTE)
                .post("/api/v1/ai/routes").then().statusCode(201);
        String yaml = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(yaml).contains("ai-route-chat.fallback.internal").contains("EnvoyFilter");
        assertThat(object("prod", CONFIG_MAPS, "ai-route-chat")).isNull();
        asAdmin().queryParam("clusters", "prod").contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(201);
        assertThat(object("prod", CONFIG_MAPS, "ai-route-chat").path("data"))
                .isEqualTo(object("dev", CONFIG_MAPS, "ai-route-chat").path("data"));
        for (String name : java.util.List.of("ai-route-chat.internal", "ai-route-chat.fallback.internal")) {
            assertThat(object("prod", INGRESSES, name).path("spec")).isEqualTo(object("dev", INGRESSES, name).path("spec"));
            assertThat(object("prod", INGRESSES, name).at("/metadata/annotations"))
                    .isEqualTo(object("dev", INGRESSES, name).at("/metadata/annotations"));
        }
        assertThat(object("prod", ENVOY_FILTERS, "ai-route-chat.internal").path("spec"))
                .isEqualTo(object("dev", ENVOY_FILTERS, "ai-route-chat.internal").path("spec"));
        for (String p : java.util.List.of("ai-proxy.internal", "model-router.internal", "model-mapper.internal",
                "ai-statistics-2.0.1", "key-auth.internal")) {
            assertThat(object("prod", WASM_PLUGINS, p).path("spec")).as(p)
                    .isEqualTo(object("dev", WASM_PLUGINS, p).path("spec"));
        }
        asViewer().queryParam("clusters", "dev,prod").get("/api/v1/ai/routes/chat").then().statusCode(200)
                .body("clusters", contains("dev", "prod")).body("drift", equalTo(false));
    }
}
