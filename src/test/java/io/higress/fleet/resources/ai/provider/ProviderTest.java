package io.higress.fleet.resources.ai.provider;

import static io.higress.fleet.resources.ai.AiFleet.ALL;
import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.MCP_BRIDGES;
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
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LLM providers across dev and prod (Kubernetes) and test (console): the objects field by field against what the
 * console's LlmProviderServiceImpl writes, aggregated reads with drift, tokens hidden from viewers and operators,
 * 400s naming the field with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class ProviderTest {
    static final String OPENAI = """
            {"name": "openai-main", "type": "openai", "tokens": ["sk-one", "sk-two"],
             "tokenFailoverConfig": {"enabled": true, "failureThreshold": 3, "successThreshold": 1,
               "healthCheckInterval": 5000, "healthCheckTimeout": 10000, "healthCheckModel": "gpt-4o-mini"}}""";

    @BeforeEach
    void empty() {
        AiFleet.clear();
        AiFleet.console().clearAi();
        AiFleet.console().clearRequests();
    }

    /** The entry LlmProviderServiceImpl (AbstractLlmProviderHandler.saveConfig) writes for {@link #OPENAI}. */
    static final JsonNode OPENAI_ENTRY = json("""
            {"id": "openai-main", "type": "openai", "protocol": "openai", "apiTokens": ["sk-one", "sk-two"],
             "failover": {"enabled": true, "failureThreshold": 3, "successThreshold": 1, "healthCheckInterval": 5000,
               "healthCheckTimeout": 10000, "healthCheckModel": "gpt-4o-mini"},
             "retryOnFailure": {"enabled": true}}""");

    @Test
    void createWritesWhatTheConsoleWritesInEveryCluster() {
        asOperator().contentType("application/json").body(OPENAI).post("/api/v1/ai/providers").then()
                .statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("LlmProvider")))
                .body("results.status", everyItem(equalTo("created")))
                .body(not(containsString("sk-one")));
        for (String c : KUBERNETES) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "ai-proxy.internal");
            assertThat(plugin).as(c).isNotNull();
            assertThat(plugin.path("metadata").path("labels")).isEqualTo(json("""
                    {"higress.io/wasm-plugin-name": "ai-proxy", "higress.io/wasm-plugin-version": "2.0.1",
                     "higress.io/wasm-plugin-category": "ai", "higress.io/wasm-plugin-built-in": "true",
                     "higress.io/resource-definer": "higress", "higress.io/internal": "true",
                     "app.kubernetes.io/managed-by": "higress-fleet"}"""));
            assertThat(plugin.path("metadata").path("annotations")).isEqualTo(json("""
                    {"higress.io/wasm-plugin-title": "AI Proxy",
                     "higress.io/wasm-plugin-description": "Provide unified OpenAI API compatible interface to call different AI service providers.",
                     "higress.io/wasm-plugin-icon": "https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png",
                     "higress.io/comment": "PLEASE DO NOT EDIT DIRECTLY. This resource is managed by Higress."}"""));
            ObjectNode expected = (ObjectNode) json("""
                    {"phase": "UNSPECIFIED_PHASE", "priority": 100,
                     "url": "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/ai-proxy:2.0.1",
                     "imagePullPolicy": "UNSPECIFIED_POLICY", "failStrategy": "FAIL_OPEN",
                     "defaultConfigDisable": false,
                     "matchRules": [{"configDisable": false, "config": {"activeProviderId": "openai-main"},
                                     "service": ["llm-openai-main.internal.dns"]}]}""");
            expected.putObject("defaultConfig").putArray("providers").add(OPENAI_ENTRY);
            assertThat(plugin.path("spec")).as(c).isEqualTo(expected);
            ObjectNode bridge = object(c, MCP_BRIDGES, "default");
            assertThat(bridge.path("spec")).as(c).isEqualTo(json("""
                    {"registries": [{"domain": "api.openai.com", "type": "dns", "port": 443,
                                     "name": "llm-openai-main.internal", "protocol": "https"}],
                     "proxies": []}"""));
        }
        assertThat((JsonNode) AiFleet.console().providerEntry("openai-main")).isEqualTo(OPENAI_ENTRY);
        assertThat(AiFleet.console().writes()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("POST /v1/ai/providers"));

        asViewer().get("/api/v1/ai/providers").then().statusCode(200)
                .body("items.find { it.name == 'openai-main' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'openai-main' }.drift", equalTo(false))
                .body("items.find { it.name == 'openai-main' }.managed", equalTo(true))
                .body("items.find { it.name == 'openai-main' }.protocol", equalTo("openai/v1"))
                .body("items.find { it.name == 'openai-main' }.tokens", contains("[redacted]"))
                .body("items.find { it.name == 'openai-main' }.tokenFailoverConfig.healthCheckModel",
                        equalTo("gpt-4o-mini"));
        asOperator().get("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("tokens", contains("[redacted]")).body(not(containsString("sk-one")));
        asAdmin().get("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("tokens", contains("sk-one", "sk-two"));
        // the same POST again: it exists everywhere
        asOperator().contentType("application/json").body(OPENAI).post("/api/v1/ai/providers").then()
                .statusCode(409);
    }

    @Test
    void updateDriftAndDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(OPENAI).post("/api/v1/ai/providers").then()
                .statusCode(201);
        asOperator().contentType("application/json").body("""
                {"name": "qwen-cn", "type": "qwen", "tokens": ["sk-qwen"]}""")
                .post("/api/v1/ai/providers").then().statusCode(201);
        // the console's Qwen handler fills in its defaults: the same in every cluster
        for (String c : KUBERNETES) {
            JsonNode providers = object(c, WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers");
            assertThat(providers.get(1)).as(c).isEqualTo(json("""
                    {"id": "qwen-cn", "type": "qwen", "protocol": "openai", "apiTokens": ["sk-qwen"],
                     "qwenEnableSearch": false, "qwenEnableCompatible": true}"""));
            assertThat(object(c, WASM_PLUGINS, "ai-proxy.internal").at("/spec/matchRules").toString())
                    .isEqualTo("[{\"configDisable\":false,\"config\":{\"activeProviderId\":\"openai-main\"},"
                            + "\"service\":[\"llm-openai-main.internal.dns\"]},{\"configDisable\":false,"
                            + "\"config\":{\"activeProviderId\":\"qwen-cn\"},\"service\":[\"llm-qwen-cn.internal.dns\"]}]");
        }
        assertThat(AiFleet.console().providerEntry("qwen-cn").path("qwenEnableCompatible").asBoolean()).isTrue();
        asViewer().get("/api/v1/ai/providers/qwen-cn").then().statusCode(200).body("drift", equalTo(false))
                .body("rawConfigs.qwenEnableSearch", equalTo(false));

        // a PUT merges onto each cluster's copy; the answer's changes hide the tokens from an operator
        asOperator().queryParam("clusters", "prod,test").contentType("application/json")
                .body("{\"tokens\": [\"sk-three\"], \"rawConfigs\": {\"openaiCustomUrl\": \"https://proxy.example.com/v1\"}}")
                .put("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")))
                .body(not(containsString("sk-three"))).body(not(containsString("sk-one")))
                .body("results.find { it.cluster == 'prod' }.changes.path",
                        hasItem("/WasmPlugin:ai-proxy.internal/spec/defaultConfig/providers/0/apiTokens"));
        JsonNode prod = object("prod", WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers/0");
        assertThat(prod.path("apiTokens").toString()).isEqualTo("[\"sk-three\"]");
        assertThat(prod.path("openaiCustomUrl").asText()).isEqualTo("https://proxy.example.com/v1");
        assertThat(object("prod", MCP_BRIDGES, "default").at("/spec/registries/0/domain").asText())
                .isEqualTo("proxy.example.com");
        assertThat(AiFleet.console().providerEntry("openai-main").path("apiTokens").toString())
                .isEqualTo("[\"sk-three\"]");
        asViewer().get("/api/v1/ai/providers/openai-main").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.dev.rawConfigs", org.hamcrest.Matchers.nullValue())
                .body("copies.prod.rawConfigs.openaiCustomUrl", equalTo("https://proxy.example.com/v1"));

        asOperator().delete("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "ai-proxy.internal");
            assertThat(plugin.at("/spec/defaultConfig/providers").size()).as(c).isEqualTo(1);
            assertThat(plugin.at("/spec/defaultConfigDisable").asBoolean()).isFalse();
            assertThat(plugin.at("/spec/matchRules").toString()).doesNotContain("openai-main");
            assertThat(object(c, MCP_BRIDGES, "default").at("/spec/registries").toString())
                    .doesNotContain("openai-main").contains("llm-qwen-cn.internal");
        }
        assertThat(AiFleet.console().providerEntry("openai-main")).isNull();
        asOperator().delete("/api/v1/ai/providers/qwen-cn").then().statusCode(200);
        for (String c : KUBERNETES) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "ai-proxy.internal");
            // the console keeps the plugin, disabled, with an empty provider list
            assertThat(plugin.at("/spec/defaultConfigDisable").asBoolean()).as(c).isTrue();
            assertThat(plugin.at("/spec/defaultConfig").toString()).isEqualTo("{\"providers\":[]}");
            assertThat(object(c, MCP_BRIDGES, "default").at("/spec/registries").size()).isZero();
        }
        asOperator().delete("/api/v1/ai/providers/qwen-cn").then().statusCode(404);
    }

    @Test
    void ipEndpointsBecomeOneStaticSourceAndVertexGetsItsAuthSource() {
        asOperator().contentType("application/json").body("""
                {"name": "local-vllm", "type": "vllm", "rawConfigs": {"vllmCustomUrl": "http://10.0.0.1:8000/v1",
                 "vllmExtraCustomUrls": ["http://10.0.0.2:8000/v1"]}}""")
                .queryParam("clusters", "dev").post("/api/v1/ai/providers").then().statusCode(201);
        ObjectNode plugin = object("dev", WASM_PLUGINS, "ai-proxy.internal");
        assertThat(plugin.at("/spec/matchRules/0/service/0").asText()).isEqualTo("llm-local-vllm.internal.static");
        assertThat(object("dev", MCP_BRIDGES, "default").at("/spec/registries/0")).isEqualTo(json("""
                {"domain": "10.0.0.1:8000,10.0.0.2:8000", "type": "static", "port": 80,
                 "name": "llm-local-vllm.internal", "protocol": "http"}"""));

        asOperator().contentType("application/json").body("""
                {"name": "gcp", "type": "vertex", "proxyName": "corp-proxy", "rawConfigs": {"vertexRegion": "US-CENTRAL1",
                 "vertexProjectId": "p1", "vertexAuthKey": "{\\"client_email\\": \\"a@b\\", \\"private_key_id\\": \\"k\\", \\"private_key\\": \\"pk\\", \\"token_uri\\": \\"https://oauth2.googleapis.com/token\\"}"}}""")
                .queryParam("clusters", "dev").post("/api/v1/ai/providers").then().statusCode(201)
                .body(not(containsString("private_key\\\": \\\"pk")));
        JsonNode gcp = object("dev", WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers/1");
        assertThat(gcp.path("vertexRegion").asText()).isEqualTo("us-central1");
        assertThat(gcp.path("vertexAuthServiceName").asText()).isEqualTo("vertex-auth.internal");
        JsonNode registries = object("dev", MCP_BRIDGES, "default").at("/spec/registries");
        assertThat(registries.get(1)).isEqualTo(json("""
                {"domain": "us-central1-aiplatform.googleapis.com", "type": "dns", "port": 443,
                 "name": "llm-gcp.internal", "protocol": "https", "proxyName": "corp-proxy"}"""));
        assertThat(registries.get(2)).isEqualTo(json("""
                {"domain": "oauth2.googleapis.com", "type": "dns", "port": 443, "name": "vertex-auth.internal",
                 "protocol": "https", "proxyName": "corp-proxy"}"""));
        asViewer().queryParam("clusters", "dev").get("/api/v1/ai/providers/gcp").then().statusCode(200)
                .body("proxyName", equalTo("corp-proxy"))
                .body("rawConfigs.vertexAuthKey", equalTo("[redacted]"));
        // vertex's auth source stays when the provider goes, as in the console
        asOperator().queryParam("clusters", "dev").delete("/api/v1/ai/providers/gcp").then().statusCode(200);
        assertThat(object("dev", MCP_BRIDGES, "default").at("/spec/registries").toString())
                .contains("vertex-auth.internal").doesNotContain("llm-gcp.internal");
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWritten() {
        Map<String, String> before = AiFleet.snapshot();
        asOperator().contentType("application/json").body("{\"name\": \"x\", \"type\": \"hunyuan\"}")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", contains("type"))
                .body("errors[0].message", containsString("openai"));
        asOperator().contentType("application/json").body("{\"name\": \"az\", \"type\": \"azure\"}")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", contains("rawConfigs.azureServiceUrl"));
        asOperator().contentType("application/json").body("""
                {"name": "az", "type": "azure", "rawConfigs": {"azureServiceUrl": "https://x.openai.azure.com/openai/deployments/d/chat/completions"}}""")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", contains("rawConfigs.azureServiceUrl"))
                .body("errors[0].message", containsString("api-version"));
        asOperator().contentType("application/json").body("""
                {"name": "br", "type": "bedrock", "rawConfigs": {"awsRegion": "us-east-1"}}""")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", contains("rawConfigs.awsAccessKey"));
        asOperator().contentType("application/json").body("""
                {"name": "v", "type": "vllm", "rawConfigs": {"vllmCustomUrl": "http://a.example.com", "vllmExtraCustomUrls": ["http://b.example.com"]}}""")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", contains("rawConfigs"))
                .body("errors[0].message", containsString("IP addresses"));
        asOperator().contentType("application/json").body("{\"name\": \"Bad/Name\", \"type\": \"openai\", \"protocol\": \"grpc\"}")
                .post("/api/v1/ai/providers").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("protocol"));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    @Test
    void aDryRunPlansAndWritesNothing() {
        Map<String, String> before = AiFleet.snapshot();
        asOperator().queryParam("dryRun", "true").contentType("application/json").body(OPENAI)
                .post("/api/v1/ai/providers").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("results.status", everyItem(equalTo("create")))
                .body(not(containsString("sk-one")));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    @Test
    void anExportReappliedToAnEmptyClusterGivesTheSameObjects() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(OPENAI)
                .post("/api/v1/ai/providers").then().statusCode(201);
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(containsString("ai-proxy.internal")).body(not(containsString("sk-one")));
        String yaml = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(yaml).contains("sk-one");
        assertThat(object("prod", WASM_PLUGINS, "ai-proxy.internal")).isNull();
        asAdmin().queryParam("clusters", "prod").contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/manifests").then()
                .statusCode(201);
        assertThat(object("prod", WASM_PLUGINS, "ai-proxy.internal").path("spec"))
                .isEqualTo(object("dev", WASM_PLUGINS, "ai-proxy.internal").path("spec"));
        assertThat(object("prod", MCP_BRIDGES, "default").path("spec"))
                .isEqualTo(object("dev", MCP_BRIDGES, "default").path("spec"));
        asViewer().queryParam("clusters", "dev,prod").get("/api/v1/ai/providers/openai-main").then()
                .statusCode(200).body("clusters", contains("dev", "prod")).body("drift", equalTo(false));
    }

    @Test
    void anOperatorsReadModifyWriteKeepsTheTokensItCannotSee() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(OPENAI)
                .post("/api/v1/ai/providers").then().statusCode(201);
        ObjectNode read = (ObjectNode) json(asOperator().queryParam("clusters", "dev")
                .get("/api/v1/ai/providers/openai-main").then().statusCode(200).extract().asString());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("tokens", read.get("tokens"));
        body.put("protocol", "original");
        assertThat(body.toString()).contains("[redacted]");
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(body.toString())
                .put("/api/v1/ai/providers/openai-main").then().statusCode(200)
                .body("results.status", contains("updated"));
        JsonNode entry = object("dev", WASM_PLUGINS, "ai-proxy.internal").at("/spec/defaultConfig/providers/0");
        assertThat(entry.path("protocol").asText()).isEqualTo("original");
        assertThat(entry.path("apiTokens").toString()).isEqualTo("[\"sk-one\",\"sk-two\"]");
    }
}
