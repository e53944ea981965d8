package io.higress.fleet.revisions;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Revisions end to end against the simulated fleet (dev, test, prod; test console-managed): every write path leaves
 * a revision naming who and why, and its restore brings the object back as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test"),
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RevisionsTest {
    static final String NS = "higress-system";
    static final ObjectMapper JSON = new ObjectMapper();

    static KubernetesClient client(String cluster) {
        return SimulatedFleetResource.fleet().client(cluster);
    }

    static Ingress ingress(String cluster, String name) {
        return client(cluster).network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    static JsonNode spec(Ingress ingress) {
        return JSON.valueToTree(ingress.getSpec());
    }

    static String route(String name, String service) {
        return "{\"name\": \"" + name + "\", \"domain\": [\"" + name + ".example.com\"], \"paths\": [\"/api/*\"], "
                + "\"serviceName\": \"" + service + "\", \"servicePort\": 8080}";
    }

    static String operatorName() {
        return asOperator().get("/api/v1/user/me").then().statusCode(200).extract().jsonPath().getString("username");
    }

    /** The revisions of one object in one cluster, newest first. */
    static List<Map<String, Object>> revisions(String kind, String name, String cluster) {
        return asViewer().queryParam("kind", kind).queryParam("name", name).queryParam("cluster", cluster)
                .get("/api/v1/revisions").then().statusCode(200).extract().jsonPath().getList("items");
    }

    static JsonPath restore(String id, boolean dryRun) {
        return asOperator().queryParam("dryRun", dryRun).post("/api/v1/revisions/" + id + "/restore").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().jsonPath();
    }

    @Test
    void aRestWriteLeavesARevisionWhoseRestoreBringsBackThePreviousSpec() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("rev-update", "v1"))
                .post("/api/v1/routes").then().statusCode(201);
        JsonNode before = spec(ingress("dev", "rev-update"));
        asOperator().queryParam("clusters", "dev").header("X-Request-Id", "req-rev-update").contentType("application/json")
                .body("{\"serviceName\": \"v2\", \"paths\": [\"/v2/*\"]}")
                .put("/api/v1/routes/rev-update").then().statusCode(200);
        JsonNode after = spec(ingress("dev", "rev-update"));
        assertThat(after).isNotEqualTo(before);

        List<Map<String, Object>> items = revisions("routes", "rev-update", "dev");
        assertThat(items).extracting(i -> i.get("action")).containsExactly("updated", "created");
        Map<String, Object> update = items.get(0);
        assertThat(update.get("who")).isEqualTo(operatorName());
        assertThat(update.get("requestId")).isEqualTo("req-rev-update");
        assertThat((String) update.get("reason")).isEqualTo("PUT /api/v1/routes/rev-update");
        String id = (String) update.get("id");
        asViewer().get("/api/v1/revisions/" + id).then().statusCode(200)
                .body("changes.path", hasItem(containsString("/spec")))
                .body("before[0].metadata.name", equalTo("rev-update"));

        JsonPath plan = restore(id, true);
        assertThat(plan.getString("results[0].status")).isEqualTo("update");
        assertThat(plan.getBoolean("dryRun")).isTrue();
        assertThat(spec(ingress("dev", "rev-update"))).as("a dry run writes nothing").isEqualTo(after);

        assertThat(restore(id, false).getString("results[0].status")).isEqualTo("updated");
        assertThat(spec(ingress("dev", "rev-update"))).isEqualTo(before);
        // the restore is a revision itself, saying so
        Map<String, Object> restored = revisions("routes", "rev-update", "dev").get(0);
        assertThat(restored.get("reason")).isEqualTo("restore of revision " + id);
        assertThat(restored.get("action")).isEqualTo("updated");
    }

    @Test
    void theRestoreOfACreateDeletesAndTheRestoreOfADeleteCreates() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("rev-cd", "v1"))
                .post("/api/v1/routes").then().statusCode(201);
        JsonNode created = spec(ingress("dev", "rev-cd"));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/routes/rev-cd").then().statusCode(200);
        assertThat(ingress("dev", "rev-cd")).isNull();

        List<Map<String, Object>> items = revisions("route", "rev-cd", "dev");
        assertThat(items).extracting(i -> i.get("action")).containsExactly("deleted", "created");
        String deleted = (String) items.get(0).get("id");
        String create = (String) items.get(1).get("id");

        assertThat(restore(deleted, true).getString("results[0].status")).isEqualTo("create");
        assertThat(ingress("dev", "rev-cd")).as("a dry run writes nothing").isNull();
        assertThat(restore(deleted, false).getString("results[0].status")).isEqualTo("created");
        assertThat(spec(ingress("dev", "rev-cd"))).isEqualTo(created);

        assertThat(restore(create, true).getString("results[0].status")).isEqualTo("delete");
        assertThat(ingress("dev", "rev-cd")).isNotNull();
        assertThat(restore(create, false).getString("results[0].status")).isEqualTo("deleted");
        assertThat(ingress("dev", "rev-cd")).isNull();
    }

    @Test
    void aManifestsWriteLeavesARevisionThatRestores() {
        String manifest = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: rev-manifest
                  namespace: higress-system
                spec:
                  ingressClassName: higress
                  rules:
                  - host: rev-manifest.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: manifest-v1
                            port:
                              number: 80
                """;
        asOperator().queryParam("clusters", "dev").contentType("application/yaml").body(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(201);
        JsonNode first = spec(ingress("dev", "rev-manifest"));
        asOperator().queryParam("clusters", "dev").contentType("application/yaml")
                .body(manifest.replace("manifest-v1", "manifest-v2").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(200);

        List<Map<String, Object>> items = revisions("Ingress", "rev-manifest", "dev");
        assertThat(items).extracting(i -> i.get("action")).containsExactly("updated", "created");
        assertThat(items.get(0).get("who")).isEqualTo(operatorName());
        assertThat(items.get(0).get("reason")).isEqualTo("POST /api/v1/manifests");
        assertThat(revisions("manifests", "rev-manifest", "dev")).hasSize(2);

        restore((String) items.get(0).get("id"), false);
        assertThat(spec(ingress("dev", "rev-manifest"))).isEqualTo(first);
        restore((String) items.get(1).get("id"), false);
        assertThat(ingress("dev", "rev-manifest")).isNull();
    }

    @Test
    void aRolloutsWritesLeaveRevisionsNamingTheRollout() {
        String id = asOperator().contentType("application/json")
                .body(Map.of("strategy", "selective", "clusters", List.of("prod"), "routes",
                        List.of(Map.of("name", "rev-rollout", "domain", List.of("rev-rollout.example.com"),
                                "paths", List.of("/*"), "serviceName", "v1", "servicePort", 8080))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!"succeeded".equals(asViewer().get("/api/v1/rollouts/" + id).then().extract().jsonPath()
                .getString("state"))) {
            assertThat(Instant.now()).as("rollout " + id + " succeeds").isBefore(until);
            Thread.onSpinWait();
        }
        List<Map<String, Object>> items = revisions("routes", "rev-rollout", "prod");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("rollout")).isEqualTo(id);
        assertThat(items.get(0).get("action")).isEqualTo("created");
        assertThat((String) items.get(0).get("who")).isNotBlank();
        assertThat(asViewer().queryParam("cluster", "prod").queryParam("name", "rev-rollout")
                .get("/api/v1/revisions").then().extract().jsonPath().getList("items.rollout")).containsOnly(id);
    }

    @Test
    void aViewerNeverSeesASecretAndNeitherDoesTheDataDirectory() throws IOException {
        String provider = """
                {"name": "rev-openai", "type": "openai", "tokens": ["sk-rev-one", "sk-rev-two"]}""";
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(provider)
                .post("/api/v1/ai/providers").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"tokens\": [\"sk-rev-three\"]}").put("/api/v1/ai/providers/rev-openai").then().statusCode(200);
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(Map.of("name", "rev-alice", "credentials", List.of(Map.of("type", "key-auth", "source", "HEADER",
                        "key", "x-api-key", "values", List.of("key-rev-alice")))))
                .post("/api/v1/consumers").then().statusCode(201);

        String list = asViewer().queryParam("cluster", "dev").get("/api/v1/revisions").then().statusCode(200)
                .extract().asString();
        assertThat(list).contains("rev-openai", "rev-alice");
        List<String> ids = asViewer().queryParam("cluster", "dev").get("/api/v1/revisions").then().extract()
                .jsonPath().getList("items.findAll { it.name == 'rev-openai' || it.name == 'rev-alice' }.id");
        assertThat(ids).hasSize(3);
        for (String id : ids) {
            for (var who : List.of(asViewer(), asOperator(), asAdmin())) {
                who.get("/api/v1/revisions/" + id).then().statusCode(200)
                        .body(not(containsString("sk-rev"))).body(not(containsString("key-rev-alice")));
            }
        }
        // the update of the tokens shows as a change, its values hidden
        String update = asViewer().queryParam("name", "rev-openai").get("/api/v1/revisions").then().extract()
                .jsonPath().getString("items[0].id");
        asViewer().get("/api/v1/revisions/" + update).then().statusCode(200)
                .body(containsString("[redacted]"));

        Path dir = Path.of(ConfigProvider.getConfig().getValue("fleet.data-dir", String.class), "revisions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(all).isNotEmpty();
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("sk-rev", "key-rev-alice");
            }
        }

        // a restore of the token update keeps the tokens the cluster holds (a revision has none to put back)
        asAdmin().queryParam("clusters", "dev").get("/api/v1/ai/providers/rev-openai").then()
                .body("tokens", org.hamcrest.Matchers.contains("sk-rev-three"));
        asOperator().post("/api/v1/revisions/" + update + "/restore").then().statusCode(200)
                .body(not(containsString("sk-rev")));
        asAdmin().queryParam("clusters", "dev").get("/api/v1/ai/providers/rev-openai").then()
                .body("tokens", org.hamcrest.Matchers.contains("sk-rev-three"));
    }

    @Test
    void theRestoreOfADeletedSecretIsRefusedNamingTheFieldAndNeverBorrowsAnothersSecret() {
        for (String who : List.of("rev-bob", "rev-carol")) {
            asOperator().queryParam("clusters", "dev").contentType("application/json")
                    .body(Map.of("name", who, "credentials", List.of(Map.of("type", "key-auth", "source", "HEADER",
                            "key", "x-api-key", "values", List.of("key-" + who)))))
                    .post("/api/v1/consumers").then().statusCode(201);
        }
        asOperator().queryParam("clusters", "dev").delete("/api/v1/consumers/rev-bob").then().statusCode(200);
        String deleted = (String) revisions("consumers", "rev-bob", "dev").get(0).get("id");
        var answer = asOperator().post("/api/v1/revisions/" + deleted + "/restore").then().extract();
        // the one cluster refused: its 422, naming the field it cannot put back
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(422);
        assertThat(answer.jsonPath().getList("errors[0].errors.field", String.class)).as(answer.asString())
                .isNotEmpty().allSatisfy(f -> assertThat(f).contains("/consumers/").contains("credential"));
        assertThat(answer.asString()).doesNotContain("key-rev");
        asAdmin().queryParam("clusters", "dev").get("/api/v1/consumers/rev-bob").then().statusCode(404);
        asAdmin().queryParam("clusters", "dev").get("/api/v1/consumers/rev-carol").then().statusCode(200)
                .body(containsString("key-rev-carol"));
    }

    /** A kind, its body, an update of it, and the type of the stored object that holds it. */
    record KindCase(String plural, String name, String create, String update,
            io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type) {
        @Override
        public String toString() {
            return plural;
        }
    }

    static List<KindCase> kinds() {
        return List.of(
                new KindCase("routes", "rev-kind-route", route("rev-kind-route", "v1"),
                        "{\"serviceName\": \"v9\", \"domain\": [\"other.example.com\"]}",
                        io.higress.fleet.resources.ai.AiFleet.INGRESSES),
                new KindCase("plugins", "key-auth", "{\"name\": \"key-auth\", \"priority\": 310, \"config\": "
                        + "{\"consumers\": [{\"name\": \"c1\", \"credential\": \"k1\"}], \"keys\": "
                        + "[\"x-api-key\"]}, \"enabled\": false}",
                        "{\"priority\": 320, \"enabled\": true}",
                        io.higress.fleet.resources.ai.AiFleet.WASM_PLUGINS),
                new KindCase("mcp-bridges", "rev-kind-bridge", "{\"name\": \"rev-kind-bridge\", \"static\": "
                        + "[{\"name\": \"s1\", \"addresses\": [\"10.0.0.1:80\"]}]}",
                        "{\"static\": [{\"name\": \"s2\", \"addresses\": [\"10.0.0.2:80\"]}]}",
                        io.higress.fleet.resources.ai.AiFleet.MCP_BRIDGES));
    }

    static JsonNode stored(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type, String name) {
        var o = client("dev").genericKubernetesResources(type).inNamespace(NS).withName(name).get();
        return o == null ? null : JSON.valueToTree(o.getAdditionalProperties().get("spec"));
    }

    /** The checked-by of the issue: every write's restore brings the stored spec back exactly, secrets included. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("kinds")
    void theRestoreOfAnUpdateBringsBackTheExactSpecOfEveryKind(KindCase k) {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(k.create())
                .post("/api/v1/" + k.plural()).then().statusCode(201);
        String name = asAdmin().queryParam("kind", k.plural()).queryParam("name", k.name())
                .queryParam("cluster", "dev").get("/api/v1/revisions").then().extract().jsonPath()
                .getString("items[0].id");
        String stored = asAdmin().get("/api/v1/revisions/" + name).then().statusCode(200).extract().jsonPath()
                .getString("after[0].metadata.name");
        JsonNode before = stored(k.type(), stored);
        assertThat(before).isNotNull();
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(k.update())
                .put("/api/v1/" + k.plural() + "/" + k.name()).then().statusCode(200);
        assertThat(stored(k.type(), stored)).isNotEqualTo(before);

        String update = (String) revisions(k.plural(), k.name(), "dev").get(0).get("id");
        restore(update, false);
        assertThat(stored(k.type(), stored)).isEqualTo(before);
        asOperator().queryParam("clusters", "dev").delete("/api/v1/" + k.plural() + "/" + k.name()).then()
                .statusCode(200);
    }

    @Test
    void anUnknownIdIsA404AndABadSinceA400NamingIt() {
        asViewer().get("/api/v1/revisions/no-such-revision").then().statusCode(404)
                .body("type", containsString("not-found"));
        asOperator().post("/api/v1/revisions/no-such-revision/restore").then().statusCode(404);
        asViewer().queryParam("since", "yesterday").get("/api/v1/revisions").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        asViewer().queryParam("since", Instant.now().plusSeconds(3600).toString()).get("/api/v1/revisions").then()
                .statusCode(200).body("items.size()", equalTo(0));
        asViewer().post("/api/v1/revisions/no-such-revision/restore").then().statusCode(403);
    }
}
