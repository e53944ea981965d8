package io.higress.fleet.resources.consumer;

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
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consumers across dev and prod (Kubernetes) and test (console): the key-auth plugin's consumer entries field by
 * field against what the console's ConsumerServiceImpl / KeyAuthCredentialHandler write, credentials hidden from
 * viewers and operators, 400s naming the field with nothing written, export re-applied.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class ConsumerTest {
    static final String ALICE = """
            {"name": "alice", "credentials": [{"type": "key-auth", "source": "HEADER", "key": "x-api-key",
             "values": ["alice-secret-1", "alice-secret-2"]}]}""";
    static final String BOB = """
            {"name": "bob", "credentials": [{"type": "key-auth", "source": "BEARER", "values": ["bob-token"]}]}""";

    /** The entry KeyAuthCredentialHandler.saveConsumer writes for {@link #ALICE}. */
    static final JsonNode ALICE_ENTRY = json("""
            {"name": "alice", "in_header": true, "in_query": false, "keys": ["x-api-key"],
             "credentials": ["alice-secret-1", "alice-secret-2"]}""");

    @BeforeEach
    void empty() {
        AiFleet.clear();
        AiFleet.console().clearAi();
        AiFleet.console().clearRequests();
    }

    @Test
    void createWritesWhatTheConsoleWritesInEveryCluster() {
        asOperator().contentType("application/json").body(ALICE).post("/api/v1/consumers").then()
                .statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("Consumer")))
                .body("results.status", everyItem(equalTo("created")))
                .body(not(containsString("alice-secret")));
        for (String c : KUBERNETES) {
            ObjectNode plugin = object(c, WASM_PLUGINS, "key-auth.internal");
            assertThat(plugin).as(c).isNotNull();
            assertThat(plugin.path("metadata").path("labels")).isEqualTo(json("""
                    {"higress.io/wasm-plugin-name": "key-auth", "higress.io/wasm-plugin-version": "1.0.0",
                     "higress.io/wasm-plugin-category": "auth", "higress.io/wasm-plugin-built-in": "true",
                     "higress.io/resource-definer": "higress", "higress.io/internal": "true",
                     "app.kubernetes.io/managed-by": "higress-fleet"}"""));
            assertThat(plugin.path("metadata").path("annotations").path("higress.io/wasm-plugin-title").asText())
                    .isEqualTo("Key Auth");
            ObjectNode expected = (ObjectNode) json("""
                    {"phase": "AUTHN", "priority": 310,
                     "url": "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/key-auth:2.0.0",
                     "imagePullPolicy": "UNSPECIFIED_POLICY", "failStrategy": "FAIL_OPEN",
                     "defaultConfigDisable": false,
                     "defaultConfig": {"global_auth": false, "allow": [], "keys": ["x-higress-dummy-key"]}}""");
            ((ObjectNode) expected.get("defaultConfig")).putArray("consumers").add(ALICE_ENTRY);
            assertThat(plugin.path("spec")).as(c).isEqualTo(expected);
        }
        assertThat((JsonNode) AiFleet.console().consumerEntry("alice")).isEqualTo(ALICE_ENTRY);
        assertThat(AiFleet.console().writes()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("POST /v1/consumers"));

        asViewer().get("/api/v1/consumers").then().statusCode(200)
                .body("items.find { it.name == 'alice' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'alice' }.drift", equalTo(false))
                .body("items.find { it.name == 'alice' }.managed", equalTo(true))
                .body("items.find { it.name == 'alice' }.credentials", contains("[redacted]"))
                .body(not(containsString("alice-secret")));
        asOperator().get("/api/v1/consumers/alice").then().statusCode(200)
                .body("credentials", contains("[redacted]")).body(not(containsString("alice-secret")));
        asAdmin().get("/api/v1/consumers/alice").then().statusCode(200)
                .body("credentials[0].type", equalTo("key-auth"))
                .body("credentials[0].source", equalTo("HEADER"))
                .body("credentials[0].key", equalTo("x-api-key"))
                .body("credentials[0].values", contains("alice-secret-1", "alice-secret-2"));
        asOperator().contentType("application/json").body(ALICE).post("/api/v1/consumers").then()
                .statusCode(409);
    }

    @Test
    void bearerUpdateDriftInUseAndDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(ALICE).post("/api/v1/consumers").then().statusCode(201);
        asOperator().contentType("application/json").body(BOB).post("/api/v1/consumers").then().statusCode(201);
        JsonNode bob = json("""
                {"name": "bob", "in_header": true, "in_query": false, "keys": ["Authorization"],
                 "credentials": ["Bearer bob-token"]}""");
        for (String c : KUBERNETES) {
            assertThat(object(c, WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers/1"))
                    .as(c).isEqualTo(bob);
        }
        assertThat((JsonNode) AiFleet.console().consumerEntry("bob")).isEqualTo(bob);
        asAdmin().get("/api/v1/consumers/bob").then().statusCode(200).body("drift", equalTo(false))
                .body("credentials[0].source", equalTo("BEARER"))
                .body("credentials[0].values", contains("bob-token"));

        // a PUT merges onto each copy: another source and values in prod and test; the answer hides them
        asOperator().queryParam("clusters", "prod,test").contentType("application/json").body("""
                {"credentials": [{"type": "key-auth", "source": "QUERY", "key": "apikey", "values": ["alice-new"]}]}""")
                .put("/api/v1/consumers/alice").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")))
                .body(not(containsString("alice-new"))).body(not(containsString("alice-secret")))
                .body("results.find { it.cluster == 'prod' }.changes.path",
                        hasItem("/WasmPlugin:key-auth.internal/spec/defaultConfig/consumers/0/credentials"));
        JsonNode alice = json("""
                {"name": "alice", "in_header": false, "in_query": true, "keys": ["apikey"],
                 "credentials": ["alice-new"]}""");
        assertThat(object("prod", WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers/0"))
                .isEqualTo(alice);
        assertThat((JsonNode) AiFleet.console().consumerEntry("alice")).isEqualTo(alice);
        assertThat(object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers/0"))
                .isEqualTo(ALICE_ENTRY);
        asViewer().get("/api/v1/consumers/alice").then().statusCode(200).body("drift", equalTo(true))
                .body(not(containsString("alice-new")));
        asAdmin().get("/api/v1/consumers/alice").then().statusCode(200)
                .body("copies.prod.credentials[0].source", equalTo("QUERY"))
                .body("copies.dev.credentials[0].source", equalTo("HEADER"));

        // still named by a route's allow list: the console refuses the delete, and so does the facade
        ObjectNode plugin = object("dev", WASM_PLUGINS, "key-auth.internal");
        ((ObjectNode) plugin.get("spec")).putArray("matchRules").addObject().put("configDisable", false)
                .<ObjectNode>set("ingress", json("[\"orders\"]"))
                .set("config", json("{\"allow\": [\"bob\"]}"));
        ((ObjectNode) plugin.get("metadata")).remove("resourceVersion");
        AiFleet.put("dev", WASM_PLUGINS, plugin);
        AiFleet.console().allowConsumers("orders", List.of("bob"));
        asOperator().delete("/api/v1/consumers/bob").then()
                .body("results.find { it.cluster == 'dev' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'dev' }.error.detail", containsString("route orders"))
                .body("results.find { it.cluster == 'prod' }.status", equalTo("deleted"))
                .body("results.find { it.cluster == 'test' }.status", equalTo("error"));
        assertThat(object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers").toString())
                .contains("\"bob\"");
        assertThat(AiFleet.console().consumerEntry("bob")).isNotNull();

        asOperator().delete("/api/v1/consumers/alice").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            ObjectNode p = object(c, WASM_PLUGINS, "key-auth.internal");
            assertThat(p.at("/spec/defaultConfig/consumers").toString()).as(c).doesNotContain("alice");
            assertThat(p.at("/spec/defaultConfigDisable").asBoolean()).isFalse();
        }
        assertThat(AiFleet.console().consumerEntry("alice")).isNull();
        asOperator().queryParam("clusters", "prod").delete("/api/v1/consumers/alice").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWritten() {
        asOperator().contentType("application/json").body(ALICE).queryParam("clusters", "dev,test")
                .post("/api/v1/consumers").then().statusCode(201);
        Map<String, String> before = AiFleet.snapshot();
        AiFleet.console().clearRequests();
        asOperator().contentType("application/json").body("""
                {"name": "x", "credentials": [{"type": "jwt-auth", "values": ["a"]}]}""")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("credentials[0].type"))
                .body("errors[0].message", containsString("key-auth"));
        asOperator().contentType("application/json").body("""
                {"name": "x", "credentials": [{"type": "key-auth", "source": "HEADER", "values": ["a", "a"]}]}""")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("credentials[0].key", "credentials[0].values[1]"))
                .body(not(containsString("\"a\"")));
        asOperator().contentType("application/json").body("""
                {"name": "x", "credentials": [{"type": "key-auth", "source": "COOKIE", "key": "k"}]}""")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("credentials[0].source", "credentials[0].values"));
        // a BEARER key would dodge the shared-value check (the console drops it)
        asOperator().contentType("application/json").body("""
                {"name": "x", "credentials": [{"type": "key-auth", "source": "BEARER", "key": "x-other",
                 "values": ["bob-token"]}]}""")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("credentials[0].key"));
        asOperator().contentType("application/json").body("{\"name\": \"Bad_Name\"}")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("name", "credentials"));
        // another consumer's value, same source and key: refused before any cluster is written
        asOperator().contentType("application/json").body("""
                {"name": "mallory", "credentials": [{"type": "key-auth", "source": "HEADER", "key": "x-api-key",
                 "values": ["alice-secret-2"]}]}""")
                .post("/api/v1/consumers").then().statusCode(400)
                .body("errors.field", contains("credentials[0].values"))
                .body("errors[0].message", containsString("alice"))
                .body(not(containsString("alice-secret")));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    @Test
    void aDryRunPlansAndWritesNothingAndShowsNoCredential() {
        Map<String, String> before = AiFleet.snapshot();
        asOperator().queryParam("dryRun", "true").contentType("application/json").body(ALICE)
                .post("/api/v1/consumers").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("results.status", everyItem(equalTo("create")))
                .body(not(containsString("alice-secret")));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
    }

    @Test
    void anExportReappliedToAnEmptyClusterGivesTheSameObjects() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(ALICE)
                .post("/api/v1/consumers").then().statusCode(201);
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(containsString("key-auth.internal")).body(not(containsString("alice-secret")));
        String yaml = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(yaml).contains("alice-secret-1");
        assertThat(object("prod", WASM_PLUGINS, "key-auth.internal")).isNull();
        asAdmin().queryParam("clusters", "prod").contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(201);
        assertThat(object("prod", WASM_PLUGINS, "key-auth.internal").path("spec"))
                .isEqualTo(object("dev", WASM_PLUGINS, "key-auth.internal").path("spec"));
        asViewer().queryParam("clusters", "dev,prod").get("/api/v1/consumers/alice").then()
                .statusCode(200).body("clusters", contains("dev", "prod")).body("drift", equalTo(false));
    }

    @Test
    void anOperatorsReadModifyWriteKeepsTheCredentialsItCannotSee() {
        asOperator().queryParam("clusters", "dev,test").contentType("application/json").body(ALICE)
                .post("/api/v1/consumers").then().statusCode(201);
        String read = asOperator().queryParam("clusters", "dev").get("/api/v1/consumers/alice").then()
                .statusCode(200).extract().asString();
        ObjectNode body = (ObjectNode) json(read);
        assertThat(body.get("credentials").toString()).isEqualTo("[\"[redacted]\"]");
        ObjectNode put = io.higress.fleet.resources.Json.MAPPER.createObjectNode();
        put.set("credentials", body.get("credentials"));
        asOperator().queryParam("clusters", "dev,test").contentType("application/json").body(put.toString())
                .put("/api/v1/consumers/alice").then().log().ifValidationFails().statusCode(200);
        assertThat(object("dev", WASM_PLUGINS, "key-auth.internal").at("/spec/defaultConfig/consumers/0"))
                .isEqualTo(ALICE_ENTRY);
        assertThat((JsonNode) AiFleet.console().consumerEntry("alice")).isEqualTo(ALICE_ENTRY);
    }
}
