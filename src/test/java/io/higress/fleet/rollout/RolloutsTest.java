package io.higress.fleet.rollout;

import static io.higress.fleet.rollout.Rollouts.at;
import static io.higress.fleet.rollout.Rollouts.await;
import static io.higress.fleet.rollout.Rollouts.awaitState;
import static io.higress.fleet.rollout.Rollouts.clusterState;
import static io.higress.fleet.rollout.Rollouts.existing;
import static io.higress.fleet.rollout.Rollouts.ingress;
import static io.higress.fleet.rollout.Rollouts.route;
import static io.higress.fleet.rollout.Rollouts.service;
import static io.higress.fleet.rollout.Rollouts.start;
import static io.higress.fleet.rollout.Rollouts.unmanaged;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollouts end to end against three simulated clusters (dev, test, prod, labelled env=<name>). */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RolloutsTest {

    static final String WAIT = "300ms";

    @TestHTTPResource
    URI base;

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void healthy() {
        fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0));
    }

    @Test
    void canaryGoesDevTestProdWaitingBetweenWaves() {
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "test", "prod"),
                "waitTime", WAIT, "routes", List.of(route("canary-demo", "demo-v2"))));
        JsonPath done = awaitState(id, "succeeded");

        assertThat(done.getInt("waveCount")).isEqualTo(3);
        assertThat(done.getString("createdBy")).isEqualTo("sim-operator");
        for (String c : List.of("dev", "test", "prod")) {
            assertThat(Duration.between(at(done, c, "appliedAt"), at(done, c, "finishedAt")))
                    .as("%s baked for the wait time", c).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(service(ingress(fleet().client(c), "canary-demo"))).isEqualTo("demo-v2");
        }
        assertThat(at(done, "test", "startedAt")).isAfterOrEqualTo(at(done, "dev", "finishedAt"));
        assertThat(at(done, "prod", "startedAt")).isAfterOrEqualTo(at(done, "test", "finishedAt"));
        assertThat(done.getList("waves[0].clusters.actions[0]", String.class)).containsExactly("create");
    }

    @Test
    void failedGateInTestRestoresDevAndTestAndLeavesProdAlone() {
        for (String c : List.of("dev", "test")) {
            existing(fleet().client(c), "shop", "shop-v1");
        }
        fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);

        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "test", "prod"),
                "waitTime", WAIT, "onFailure", "rollback",
                "routes", List.of(route("shop", "shop-v2"), route("shop-extra", "extra"))));
        JsonPath done = awaitState(id, "rolled-back");

        assertThat(done.getString("reason")).contains("test-gw-1 is DRAINING").contains("rolled back dev, test");
        assertThat(clusterState(done, "dev")).isEqualTo("rolled-back");
        assertThat(clusterState(done, "test")).isEqualTo("rolled-back");
        assertThat(clusterState(done, "prod")).isEqualTo("pending");
        for (String c : List.of("dev", "test")) {
            assertThat(service(ingress(fleet().client(c), "shop"))).as(c).isEqualTo("shop-v1");
            assertThat(ingress(fleet().client(c), "shop-extra")).as(c).isNull();
        }
        assertThat(ingress(fleet().client("prod"), "shop")).isNull();
        assertThat(ingress(fleet().client("prod"), "shop-extra")).isNull();
    }

    @Test
    void onlyForceTakesOverAnObjectTheFacadeDoesNotManage() {
        unmanaged(fleet().client("dev"), "legacy", "legacy-v1");

        String refused = start(Map.of("strategy", "selective", "clusters", List.of("dev"),
                "routes", List.of(route("legacy", "legacy-v2"))));
        assertThat(awaitState(refused, "rolled-back").getString("reason")).contains("not managed by higress-fleet");
        Ingress untouched = ingress(fleet().client("dev"), "legacy");
        assertThat(service(untouched)).isEqualTo("legacy-v1");
        assertThat(untouched.getMetadata().getLabels()).as("the rollback did not take it over either")
                .containsEntry(Ownership.LABEL, "helm");

        String forced = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "force", true,
                "routes", List.of(route("legacy", "legacy-v2"))));
        assertThat(awaitState(forced, "succeeded").getList("waves[0].clusters.actions[0]", String.class))
                .containsExactly("update");
        Ingress taken = ingress(fleet().client("dev"), "legacy");
        assertThat(service(taken)).isEqualTo("legacy-v2");
        assertThat(taken.getMetadata().getLabels()).containsEntry(Ownership.LABEL, Ownership.VALUE);
    }

    @Test
    void errorRatioPausesAndResumeFinishes() {
        fleet().gateway("test", "test-gw-1").setErrorRatio(0.9);
        String id = start(Map.of("strategy", "canary", "waves", List.of(List.of("dev"), List.of("test")),
                "waitTime", WAIT, "onFailure", "pause", "healthGate", Map.of("max5xxRatio", 0.1),
                "routes", List.of(route("ratio-demo", "v2"))));
        JsonPath paused = awaitState(id, "paused");
        assertThat(paused.getString("reason")).contains("cluster test: 5xx ratio").contains("exceeds 0.1");
        // the gate as applied, defaults filled in (only max5xxRatio was given)
        assertThat(paused.getBoolean("healthGate.gatewaysReady")).isTrue();
        assertThat(paused.getBoolean("healthGate.converged")).isFalse();
        assertThat(clusterState(paused, "test")).isEqualTo("failed");
        assertThat(ingress(fleet().client("test"), "ratio-demo")).as("pause keeps what was applied").isNotNull();

        fleet().gateway("test", "test-gw-1").setErrorRatio(0);
        asOperator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        awaitState(id, "succeeded");
    }

    /** While a rollout owns an object in a cluster, a REST write there is a 409 naming the rollout; after, it is free. */
    @Test
    void restWritesDoNotChangeWhatARolloutIsRollingOut() {
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "test"), "waitTime", "1h",
                "routes", List.of(route("held-demo", "v2"))));
        await(id, j -> "baking".equals(clusterState(j, "dev")), Duration.ofSeconds(20));

        asOperator().contentType("application/json").body(Map.of("servicePort", 9090))
                .put("/api/v1/routes/held-demo?clusters=dev").then().statusCode(409)
                .body("detail", containsString("rollout " + id))
                .body("errors[0].cluster", equalTo("dev"));
        asOperator().delete("/api/v1/routes/held-demo?clusters=dev&force=true").then().statusCode(409);
        assertThat(ingress(fleet().client("dev"), "held-demo")).as("untouched under its bake").isNotNull();

        asOperator().post("/api/v1/rollouts/" + id + "/cancel").then().statusCode(200);
        awaitState(id, "cancelled");
        asOperator().delete("/api/v1/routes/held-demo?clusters=dev").then().statusCode(200)
                .body("results[0].status", equalTo("deleted"));
    }

    @Test
    void allAndSelectiveTargetTheirClusters() {
        String all = start(Map.of("strategy", "all", "routes", List.of(route("all-demo", "v1"))));
        JsonPath done = awaitState(all, "succeeded");
        assertThat(done.getList("waves[0].clusters.name", String.class)).containsExactly("dev", "prod", "test");
        fleet().clusters().forEach(c -> assertThat(ingress(fleet().client(c), "all-demo")).as(c).isNotNull());

        String selective = start(Map.of("strategy", "selective", "selector", "env=prod",
                "routes", List.of(route("selective-demo", "v1"))));
        awaitState(selective, "succeeded");
        assertThat(ingress(fleet().client("prod"), "selective-demo")).isNotNull();
        assertThat(ingress(fleet().client("dev"), "selective-demo")).isNull();
    }

    @Test
    void promotePauseResumeCancel() {
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "test"), "waitTime", "1h",
                "routes", List.of(route("controls-demo", "v1"))));
        Rollouts.await(id, j -> "baking".equals(clusterState(j, "dev")), Duration.ofSeconds(10));
        asOperator().post("/api/v1/rollouts/" + id + "/promote").then().statusCode(200);
        Rollouts.await(id, j -> "baking".equals(clusterState(j, "test")), Duration.ofSeconds(10));

        asOperator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200).body("state", equalTo("paused"));
        asOperator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(409);
        asOperator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200).body("state", equalTo("running"));
        Rollouts.await(id, j -> "baking".equals(clusterState(j, "test")), Duration.ofSeconds(10));

        asOperator().post("/api/v1/rollouts/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("cancelled"));
        asOperator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(409);
        asViewer().post("/api/v1/rollouts/" + id + "/cancel").then().statusCode(403);
        assertThat(ingress(fleet().client("test"), "controls-demo")).as("cancel keeps what was applied").isNotNull();
    }

    @Test
    void secondRolloutOfTheSameObjectIsAConflict() {
        String first = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev"), "waitTime", "1h",
                "routes", List.of(route("contended", "v1"))));
        asOperator().contentType("application/json").body(Map.of("strategy", "selective", "clusters", List.of("dev"),
                        "routes", List.of(route("contended", "v2"))))
                .post("/api/v1/rollouts").then().statusCode(409)
                .body("detail", containsString("Ingress higress-system/contended in cluster dev"))
                .body("detail", containsString(first));
        // another cluster, or after the first ended: fine
        String elsewhere = start(Map.of("strategy", "selective", "clusters", List.of("prod"),
                "routes", List.of(route("contended", "v2"))));
        awaitState(elsewhere, "succeeded");
        asOperator().post("/api/v1/rollouts/" + first + "/cancel").then().statusCode(200);
        awaitState(start(Map.of("strategy", "selective", "clusters", List.of("dev"),
                "routes", List.of(route("contended", "v2")))), "succeeded");
    }

    @Test
    void invalidRequestsAreRejectedBeforeAnythingRuns() {
        Map<String, Object> route = route("invalid-demo", "v1");
        invalid(Map.of("strategy", "blue-green", "routes", List.of(route)), "strategy");
        invalid(Map.of("strategy", "all", "waitTime", "5 minutes", "routes", List.of(route)), "waitTime");
        invalid(Map.of("strategy", "canary", "waves", List.of(List.of("dev", "test"), List.of("test")),
                "routes", List.of(route)), "waves[1]");
        invalid(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "staging"), "routes", List.of(route)),
                "canaryOrder[1]");
        invalid(Map.of("strategy", "all", "routes", List.of(Map.of("name", "Bad_Name", "paths", List.of("/")))),
                "routes[0].name");
        invalid(Map.of("strategy", "all", "onFailure", "ignore", "routes", List.of(route)), "onFailure");
        invalid(Map.of("strategy", "selective", "routes", List.of(route)), "clusters");
        invalid(Map.of("strategy", "all"), "routes");
        invalid(Map.of("strategy", "all", "routes", List.of(route), "surprise", true), "surprise");
        // one 400 lists the unknown fields and the invalid ones together
        asOperator().contentType("application/json").body(Map.of("strategy", "blue-green", "surprise", true,
                "routes", List.of(Map.of("name", "ok-name", "paths", List.of("/"), "servicePorts", 1))))
                .post("/api/v1/rollouts").then().statusCode(400)
                .body("errors.field", hasItems("surprise", "routes[0].servicePorts", "strategy"));
        asOperator().contentType("application/json").body(Map.of("strategy", "selective",
                "clusters", List.of("staging"), "routes", List.of(route))).post("/api/v1/rollouts")
                .then().statusCode(404);
        asViewer().contentType("application/json").body(Map.of("strategy", "all", "routes", List.of(route)))
                .post("/api/v1/rollouts").then().statusCode(403);
        assertThat(ingress(fleet().client("dev"), "invalid-demo")).isNull();
    }

    void invalid(Map<String, Object> body, String field) {
        asOperator().contentType("application/json").body(body).post("/api/v1/rollouts").then().statusCode(400)
                .body("errors.field", hasItems(field));
    }

    @Test
    void eventsStreamStateChangesUntilTheEnd() throws Exception {
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev", "test"), "waitTime", "2s",
                "routes", List.of(route("events-demo", "v1"))));
        // paused while the stream is opened, resumed once it is: the second wave is seen from its first change
        asOperator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        HttpResponse<java.util.stream.Stream<String>> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/rollouts/" + id + "/events"))
                .header("Authorization", "Bearer " + SimulatedCredentials.VIEWER_KEY)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(sse.statusCode()).isEqualTo(200);
        StringBuilder body = new StringBuilder();
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        sse.body().forEachOrdered(line -> {
            body.append(line).append('\n');
            if (line.startsWith("data") && !resumed.getAndSet(true)) { // the first event: subscribed
                asOperator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
            }
        });
        assertThat(body).containsPattern("event: ?state\\r?\\ndata: ?\\{").contains("\"clusterState\":\"baking\"")
                .contains("\"state\":\"succeeded\"");
        // each event is exactly its name and its JSON data: no stray field (Quarkus wrote "content-type:" lines)
        List<String> events = List.of(body.toString().strip().split("\\n\\n"));
        assertThat(events).hasSizeGreaterThan(4)
                .allSatisfy(e -> assertThat(e).matches("event: ?state\\ndata: ?\\{.*\\}"));
        // each change once (verifying was sent twice): no event repeats the one before it but for its time
        for (String cluster : List.of("dev", "test")) {
            List<String> changes = events.stream().filter(e -> e.contains("\"cluster\":\"" + cluster + "\""))
                    .map(e -> e.replaceAll("\"at\":\"[^\"]*\",", "")).toList();
            for (int i = 1; i < changes.size(); i++) {
                assertThat(changes.get(i)).as(cluster + " event " + i).isNotEqualTo(changes.get(i - 1));
            }
        }
        List<String> test = events.stream().filter(e -> e.contains("\"cluster\":\"test\""))
                .map(e -> e.replaceAll("(?s).*\"clusterState\":\"([a-z-]+)\".*", "$1")).toList();
        assertThat(test).containsExactly("applying", "verifying", "baking", "succeeded");
        asViewer().get("/api/v1/rollouts").then().statusCode(200).body("items.id", hasItems(id));
    }
}
