package io.higress.fleet.desiredstate;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A set over three clusters: diff, sync, drift behind the facade's back, repair, and prune only of the facade's own
 * objects (docs/desired-state.md).
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        // the test runs the check itself (checkNow): the scheduler must not race it
        @ResourceArg(name = "fleet.desired-states.drift-interval", value = "1h"),
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://registry.example.com/plugins/"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class DesiredStatesTest {
    static final String NS = "higress-system";
    static final List<String> CLUSTERS = List.of("dev", "test", "prod");

    @Inject
    DriftCheck drift;

    static String ingress(String name, String host) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: %s
                spec:
                  ingressClassName: higress
                  rules:
                  - host: %s
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: svc
                            port:
                              number: 8080
                """.formatted(name, host);
    }

    static Map<String, Object> set(String manifests) {
        return Map.of("clusters", CLUSTERS, "namespaces", List.of(NS), "manifests", manifests);
    }

    static Ingress get(String cluster, String name) {
        return SimulatedFleetResource.fleet().client(cluster).network().v1().ingresses().inNamespace(NS)
                .withName(name).get();
    }

    static String metrics() {
        return asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void aSetIsDiffedSyncedCheckedForDriftRepairedAndPrunedOnlyWhereTheFacadeManages() {
        String both = ingress("ds-a", "a.example.com") + "---\n" + ingress("ds-b", "b.example.com");
        asOperator().contentType("application/json").body(set(both)).put("/api/v1/desired-states/edge")
                .then().statusCode(201).body("namespaces", equalTo(List.of(NS)));
        asViewer().get("/api/v1/desired-states").then().statusCode(200).body("name", hasItem("edge"));
        asViewer().get("/api/v1/desired-states/edge/status").then().statusCode(200).body("state", equalTo("unchecked"));

        asViewer().get("/api/v1/desired-states/edge/diff").then().statusCode(200)
                .body("results", hasSize(6)).body("results.status", everyItem(equalTo("create")))
                .body("dryRun", equalTo(true));
        assertThat(get("dev", "ds-a")).isNull();
        // dryRun writes nothing
        asOperator().queryParam("dryRun", "true").post("/api/v1/desired-states/edge/sync").then().statusCode(200)
                .body("results.status", everyItem(equalTo("create")));
        assertThat(get("prod", "ds-a")).isNull();
        // a viewer may look, not sync
        asViewer().post("/api/v1/desired-states/edge/sync").then().statusCode(403);
        assertThat(get("prod", "ds-a")).isNull();

        asOperator().post("/api/v1/desired-states/edge/sync").then().statusCode(201)
                .body("results", hasSize(6)).body("results.status", everyItem(equalTo("created")));
        for (String c : CLUSTERS) {
            assertThat(Ownership.isManaged(get(c, "ds-a"))).as(c).isTrue();
            assertThat(get(c, "ds-b")).as(c).isNotNull();
        }
        asViewer().get("/api/v1/desired-states/edge/diff").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        drift.checkNow();
        asViewer().get("/api/v1/desired-states/edge/status").then().statusCode(200)
                .body("state", equalTo("in-sync")).body("clusters.state", everyItem(equalTo("in-sync")));

        // edited behind the facade's back in test: drift at the next check, with the object and the metric
        SimulatedFleetResource.fleet().client("test").network().v1().ingresses().inNamespace(NS).withName("ds-a")
                .edit(i -> new IngressBuilder(i).editSpec().editFirstRule().withHost("evil.example.com").endRule()
                        .endSpec().build());
        drift.checkNow();
        JsonPath status = asViewer().get("/api/v1/desired-states/edge/status").then().statusCode(200)
                .body("state", equalTo("drifted")).extract().jsonPath();
        assertThat(status.getList("clusters.find { it.cluster == 'test' }.objects.name")).containsExactly("ds-a");
        assertThat(status.getString("clusters.find { it.cluster == 'test' }.objects[0].action")).isEqualTo("update");
        assertThat(status.getList("clusters.find { it.cluster == 'dev' }.objects")).isNullOrEmpty();
        assertThat(metrics()).contains(DriftCheck.METRIC + "{cluster=\"test\",set=\"edge\"} 1.0")
                .contains(DriftCheck.METRIC + "{cluster=\"dev\",set=\"edge\"} 0.0");

        // sync repairs it
        asOperator().post("/api/v1/desired-states/edge/sync").then().statusCode(200)
                .body("results.find { it.cluster == 'test' && it.name == 'ds-a' }.status", equalTo("updated"))
                .body("results.findAll { it.cluster != 'test' }.status", everyItem(equalTo("unchanged")));
        assertThat(get("test", "ds-a").getSpec().getRules().get(0).getHost()).isEqualTo("a.example.com");
        drift.checkNow();
        asViewer().get("/api/v1/desired-states/edge/status").then().body("state", equalTo("in-sync"));
        assertThat(metrics()).contains(DriftCheck.METRIC + "{cluster=\"test\",set=\"edge\"} 0.0");

        // another manager takes ds-b over in prod; an object the facade never managed sits beside them in dev
        SimulatedFleetResource.fleet().client("prod").network().v1().ingresses().inNamespace(NS).withName("ds-b")
                .edit(i -> new IngressBuilder(i).editMetadata().removeFromLabels(Ownership.LABEL).endMetadata().build());
        SimulatedFleetResource.fleet().client("dev").network().v1().ingresses().inNamespace(NS)
                .resource(new IngressBuilder().withNewMetadata().withName("ds-other").endMetadata().withNewSpec()
                        .withIngressClassName("higress").endSpec().build()).create();

        // ds-b leaves the set: delete where the facade manages it, and nowhere else
        asOperator().contentType("application/json").body(set(ingress("ds-a", "a.example.com")))
                .put("/api/v1/desired-states/edge").then().statusCode(200);
        JsonPath diff = asViewer().get("/api/v1/desired-states/edge/diff").then().statusCode(200).extract().jsonPath();
        assertThat(diff.getList("results.findAll { it.status == 'delete' }.cluster")).containsExactlyInAnyOrder("dev",
                "test");
        assertThat(diff.getList("results.findAll { it.status == 'delete' }.name")).containsOnly("ds-b");

        asOperator().queryParam("prune", "false").post("/api/v1/desired-states/edge/sync").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        assertThat(get("dev", "ds-b")).isNotNull();

        asOperator().post("/api/v1/desired-states/edge/sync").then().statusCode(200)
                .body("results.findAll { it.status == 'deleted' }.cluster", equalTo(List.of("dev", "test")));
        assertThat(get("dev", "ds-b")).isNull();
        assertThat(get("test", "ds-b")).isNull();
        assertThat(get("prod", "ds-b")).as("another manager's object is never pruned").isNotNull();
        assertThat(get("dev", "ds-other")).as("an object the facade never managed stays").isNotNull();
        assertThat(get("dev", "ds-a")).isNotNull();

        asOperator().delete("/api/v1/desired-states/edge").then().statusCode(204);
        asViewer().get("/api/v1/desired-states/edge").then().statusCode(404);
        assertThat(get("dev", "ds-a")).as("forgetting a set leaves its objects").isNotNull();
        for (String c : CLUSTERS) { // sets sharing a namespace prune each other's objects: leave none behind
            SimulatedFleetResource.fleet().client(c).network().v1().ingresses().inNamespace(NS).delete();
        }
    }

    @Test
    void nonAdminsNeverSeeTheSetsSecretsInTheSetOrItsDiff() {
        String plugin = """
                apiVersion: extensions.higress.io/v1alpha1
                kind: WasmPlugin
                metadata:
                  name: ds-auth
                spec:
                  url: oci://registry.example.com/plugins/key-auth:1.0.0
                  defaultConfig:
                    consumers:
                    - name: ci
                      credentials: ["sk-desired-secret"]
                """;
        asAdmin().contentType("application/json").body(Map.of("clusters", List.of("dev"), "manifests", plugin))
                .put("/api/v1/desired-states/secrets").then().statusCode(201);
        assertThat(asAdmin().get("/api/v1/desired-states/secrets").then().statusCode(200).extract().asString())
                .contains("sk-desired-secret");
        for (var who : List.of(asViewer(), asOperator())) {
            assertThat(who.get("/api/v1/desired-states/secrets").then().statusCode(200).extract().asString())
                    .contains("ds-auth").doesNotContain("sk-desired-secret");
        }
        // prune=false: the other test's objects in dev are the facade's too, and this set does not hold them
        asAdmin().queryParam("prune", "false").post("/api/v1/desired-states/secrets/sync").then().statusCode(201);
        SimulatedFleetResource.fleet().client("dev").genericKubernetesResources("extensions.higress.io/v1alpha1",
                "WasmPlugin").inNamespace(NS).withName("ds-auth").edit(o -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = (Map<String, Object>) o.getAdditionalProperties().get("spec");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> config = (Map<String, Object>) spec.get("defaultConfig");
                    config.put("consumers", List.of(Map.of("name", "ci", "credentials", List.of("sk-changed-secret"))));
                    return o;
                });
        String diff = asViewer().get("/api/v1/desired-states/secrets/diff").then().statusCode(200).extract().asString();
        assertThat(diff).contains("update").doesNotContain("sk-desired-secret").doesNotContain("sk-changed-secret");
        drift.checkNow();
        String status = asViewer().get("/api/v1/desired-states/secrets/status").then().statusCode(200)
                .body("state", equalTo("drifted")).extract().asString();
        assertThat(status).doesNotContain("sk-desired-secret").doesNotContain("sk-changed-secret");
        asAdmin().delete("/api/v1/desired-states/secrets").then().statusCode(204);
        // sets sharing a namespace prune each other's objects: leave none behind for the other test's set
        SimulatedFleetResource.fleet().client("dev").genericKubernetesResources("extensions.higress.io/v1alpha1",
                "WasmPlugin").inNamespace(NS).withName("ds-auth").delete();
    }

    @Test
    void anInvalidSetIsA400NamingTheFieldAndNothingIsStored() {
        String bad = ingress("ds-bad", "bad.example.com") + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n";
        asOperator().contentType("application/json").body(set(bad)).put("/api/v1/desired-states/bad")
                .then().statusCode(400).body("errors.field", hasItem("manifests[1].kind"));
        asOperator().contentType("application/json").body(Map.of("clusters", CLUSTERS, "namespaces",
                        List.of("elsewhere"), "manifests", ingress("ds-bad", "bad.example.com")))
                .put("/api/v1/desired-states/bad").then().statusCode(400)
                .body("errors.field", hasItem("namespaces[0]")); // outside the write limits
        asOperator().contentType("application/json").body(Map.of("clusters", CLUSTERS))
                .put("/api/v1/desired-states/bad").then().statusCode(400).body("errors.field", hasItem("manifests"));
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("nowhere"), "manifests",
                ingress("ds-bad", "bad.example.com"))).put("/api/v1/desired-states/bad").then().statusCode(404);
        asAdmin().get("/api/v1/desired-states/bad").then().statusCode(404);
        asViewer().contentType("application/json").body(set(ingress("ds-bad", "bad.example.com")))
                .put("/api/v1/desired-states/bad").then().statusCode(403);
        asAdmin().get("/api/v1/desired-states/bad").then().statusCode(404);
    }

    @Test
    void aSyncWithAStrategyRollsTheSetOutInWavesAndLeavesItInSync() {
        asOperator().contentType("application/json").body(set(ingress("ds-waved", "waved.example.com")))
                .put("/api/v1/desired-states/waved").then().statusCode(201);
        String canary = "{\"canaryOrder\": [\"dev\", \"test\", \"prod\"], \"waitTime\": \"0s\"}";

        // what the set gives is not the body's; a rollout does not prune; options need a strategy; bad options: 400
        asOperator().contentType("application/json").body("{\"clusters\": [\"dev\"], \"routes\": []}")
                .queryParam("strategy", "canary").post("/api/v1/desired-states/waved/sync").then().statusCode(400)
                .body("errors.field", hasItem("clusters")).body("errors.field", hasItem("routes"));
        asOperator().contentType("application/json").body(canary).queryParam("strategy", "canary")
                .queryParam("prune", "true").post("/api/v1/desired-states/waved/sync").then().statusCode(400)
                .body("errors.field", hasItem("prune"));
        asOperator().contentType("application/json").body(canary).post("/api/v1/desired-states/waved/sync")
                .then().statusCode(400).body("errors.field", hasItem("strategy"));
        // a set whose object is outside the write limits is not stored: the field is the set's
        asOperator().contentType("application/json").body(set("apiVersion: extensions.higress.io/v1alpha1\n"
                + "kind: WasmPlugin\nmetadata: {name: ds-evil, namespace: higress-system}\n"
                + "spec: {url: \"oci://evil.example.com/p:1\"}\n")).put("/api/v1/desired-states/evil").then()
                .statusCode(400).body("errors.field", hasItem("manifests[0].spec.url"));
        asOperator().contentType("application/json").body("{\"canaryOrder\": [\"dev\"], \"waitTime\": \"soon\"}")
                .queryParam("strategy", "canary").post("/api/v1/desired-states/waved/sync").then().statusCode(400)
                .body("errors.field", hasItem("waitTime"));
        // a bare ?dryRun is a dry run (JAX-RS alone would read it as absent, and write)
        asOperator().post("/api/v1/desired-states/waved/sync?dryRun").then().statusCode(200)
                .body("dryRun", equalTo(true));
        asOperator().contentType("application/json").body(canary)
                .post("/api/v1/desired-states/waved/sync?dryRun=&strategy=canary").then().statusCode(200)
                .body("dryRun", equalTo(true));
        // dryRun: checked as a rollout, answered with the plan, nothing written
        asOperator().contentType("application/json").body(canary).queryParam("strategy", "canary")
                .queryParam("dryRun", "true").post("/api/v1/desired-states/waved/sync").then().statusCode(200)
                .body("results", hasSize(3)).body("results.status", everyItem(equalTo("create")));
        assertThat(CLUSTERS.stream().map(c -> get(c, "ds-waved")).filter(java.util.Objects::nonNull)).isEmpty();
        asViewer().contentType("application/json").body(canary).queryParam("strategy", "canary")
                .post("/api/v1/desired-states/waved/sync").then().statusCode(403);

        var started = asOperator().contentType("application/json").body(canary).queryParam("strategy", "canary")
                .post("/api/v1/desired-states/waved/sync").then().statusCode(202)
                .body("strategy", equalTo("canary")).body("waves.clusters.name.flatten()", equalTo(CLUSTERS))
                .extract();
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).isEqualTo("/api/v1/rollouts/" + id);
        JsonPath done = io.higress.fleet.sim.Poll.until(() -> asViewer().get("/api/v1/rollouts/" + id).then()
                .statusCode(200).extract().jsonPath(), j -> !List.of("pending", "running").contains(j.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        for (String c : CLUSTERS) {
            Ingress written = get(c, "ds-waved");
            assertThat(Ownership.isManaged(written)).as(c).isTrue();
            assertThat(written.getMetadata().getLabels()).as(c).containsEntry(DesiredStates.SET_LABEL, "waved");
        }
        // the rollout wrote what a sync would: nothing left to do, and the set is in sync
        asViewer().get("/api/v1/desired-states/waved/diff").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        drift.checkNow();
        asViewer().get("/api/v1/desired-states/waved/status").then().statusCode(200).body("state", equalTo("in-sync"));
    }
}
