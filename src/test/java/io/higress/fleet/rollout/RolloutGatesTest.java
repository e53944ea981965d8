package io.higress.fleet.rollout;

import static io.higress.fleet.rollout.Rollouts.at;
import static io.higress.fleet.rollout.Rollouts.clusterState;
import static io.higress.fleet.rollout.Rollouts.get;
import static io.higress.fleet.rollout.Rollouts.ingress;
import static io.higress.fleet.rollout.Rollouts.route;
import static io.higress.fleet.rollout.Rollouts.start;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.higress.fleet.sim.XdsType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health gate's checks of the change itself, driven to pass and to fail by the simulated gateways: rejected
 * xDS updates, the 5xx ratio and p99 of the rollout's own hosts, and what too little traffic means.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "10s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RolloutGatesTest {

    static final Duration BOUND = Duration.ofSeconds(90);

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void healthy() {
        fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0).resetChangeStats());
    }

    static JsonPath awaitUntil(String id, Predicate<JsonPath> done) {
        return Rollouts.await(id, done, BOUND);
    }

    static JsonPath awaitState(String id, String state) {
        return awaitUntil(id, j -> state.equals(j.getString("state")));
    }

    @Test
    void anEcdsRejectionDuringTheBakeFailsTheGateNamingThePluginAndRollsBack() {
        String id = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "60s",
                "healthGate", Map.of("interval", "100ms"),
                "plugins", List.of(Map.of("name", "gates-plugin",
                        "url", "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/p:1"))));
        awaitUntil(id, j -> "baking".equals(clusterState(j, "dev")));

        fleet().gateway("dev", "dev-gw-2").rejectUpdate(XdsType.ECDS, "higress-system.gates-plugin");

        JsonPath done = awaitState(id, "rolled-back");
        assertThat(done.getString("reason")).contains("cluster dev: Envoy rejected configuration during the wave")
                .contains("gateway dev-gw-2 rejected Wasm plugin higress-system.gates-plugin (ECDS)")
                .contains("rolled back dev");
        assertThat(done.getBoolean("healthGate.rejectedUpdates")).as("on by default").isTrue();
        assertThat(clusterState(done, "dev")).isEqualTo("rolled-back");
        assertThat(fleet().client("dev").genericKubernetesResources("extensions.higress.io/v1alpha1", "WasmPlugin")
                .inNamespace(Rollouts.NS).withName("gates-plugin").get()).as("the rollback deleted it").isNull();
    }

    @Test
    void rejectionsFromBeforeTheApplyDoNotFailIt() {
        // a gateway that rejected a listener long ago (its counter is not 0) is not failed for it
        fleet().gateway("dev", "dev-gw-1").rejectUpdate(XdsType.LDS, null).rejectUpdate(XdsType.LDS, null);
        String id = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "300ms",
                "routes", List.of(route("gates-old-nack", "v2"))));
        awaitState(id, "succeeded");
    }

    @Test
    void theCanaryFailsOnTheChangedHostWhileTheWholeGatewayStaysUnderTheThreshold() throws Exception {
        String host = "gates-shop.example.com";
        for (String c : List.of("dev", "test")) {
            for (SimulatedGateway g : List.of(fleet().gateway(c, c + "-gw-1"), fleet().gateway(c, c + "-gw-2"))) {
                g.host(host).setRequestsPerSecond(10).setErrorRatio(c.equals("test") ? 1 : 0);
            }
        }
        long[] before = wholeGateway(fleet().gateway("test", "test-gw-1"));

        String id = start(Map.of("strategy", "canary", "waves", List.of(List.of("dev"), List.of("test")),
                "waitTime", "2s", "healthGate", Map.of("max5xxRatio", 0.1, "interval", "200ms"),
                "routes", List.of(route("gates-shop", "shop-v2"))));
        JsonPath done = awaitState(id, "rolled-back");

        assertThat(done.getString("reason")).contains("cluster test: 5xx ratio 1.0000")
                .contains("exceeds 0.1 on host " + host).contains("rolled back dev, test");
        assertThat(clusterState(done, "dev")).isEqualTo("rolled-back");
        for (String c : List.of("dev", "test")) {
            assertThat(ingress(fleet().client(c), "gates-shop")).as(c).isNull();
        }
        long[] after = wholeGateway(fleet().gateway("test", "test-gw-1"));
        double wholeRatio = (double) (after[1] - before[1]) / (after[0] - before[0]);
        assertThat(wholeRatio).as("the whole gateway's 5xx ratio over the same time").isPositive().isLessThan(0.1);
    }

    @Test
    void aSlowHostFailsMaxP99() {
        fleet().gateway("dev", "dev-gw-1").host("gates-slow.example.com").setRequestsPerSecond(200).setLatencyMs(400);
        String id = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "1s",
                "healthGate", Map.of("maxP99Ms", 200, "interval", "200ms"),
                "routes", List.of(route("gates-slow", "v2"))));
        JsonPath done = awaitState(id, "rolled-back");
        assertThat(done.getString("reason")).contains("cluster dev: p99 latency")
                .contains("exceeds 200.0 ms on host gates-slow.example.com");

        fleet().gateway("dev", "dev-gw-1").host("gates-fast.example.com").setRequestsPerSecond(200).setLatencyMs(30);
        String fast = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "1s",
                "healthGate", Map.of("maxP99Ms", 200, "interval", "200ms"),
                "routes", List.of(route("gates-fast", "v2"))));
        awaitState(fast, "succeeded");
    }

    @Test
    void tooLittleTrafficPassesFailsOrWaitsAsOnNoTrafficSays() {
        fleet().gateway("dev", "dev-gw-1").host("gates-quiet.example.com").setRequestsPerSecond(0);
        Map<String, Object> quiet = route("gates-quiet", "v2");

        String passing = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "300ms",
                "healthGate", Map.of("minRequests", 20), "routes", List.of(quiet)));
        JsonPath passed = awaitState(passing, "succeeded");
        assertThat(passed.getString("waves[0].clusters[0].note"))
                .contains("not enough traffic for the health gate: host gates-quiet.example.com had 0 requests, "
                        + "fewer than minRequests 20").contains("passed (onNoTraffic: pass)");

        String failing = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "300ms",
                "healthGate", Map.of("minRequests", 20, "onNoTraffic", "fail"), "routes", List.of(quiet)));
        assertThat(awaitState(failing, "rolled-back").getString("reason"))
                .contains("host gates-quiet.example.com had 0 requests").contains("(onNoTraffic: fail)");

        String waiting = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "300ms",
                "healthGate", Map.of("minRequests", 20, "onNoTraffic", "wait", "interval", "100ms"),
                "routes", List.of(quiet)));
        JsonPath starved = awaitUntil(waiting, j -> j.getString("waves[0].clusters[0].appliedAt") != null
                && Instant.now().isAfter(at(j, "dev", "appliedAt").plusMillis(400))
                && String.valueOf(j.getString("waves[0].clusters[0].note")).contains("waiting for traffic"));
        assertThat(starved.getString("state")).as("still waiting past its 300ms bake").isEqualTo("running");
        Instant trafficFrom = Instant.now();
        fleet().gateway("dev", "dev-gw-1").host("gates-quiet.example.com").setRequestsPerSecond(100);
        JsonPath done = awaitState(waiting, "succeeded");
        assertThat(at(done, "dev", "finishedAt")).isAfter(trafficFrom);
    }

    @Test
    void convergedWaitsUntilEveryGatewayServesTheSameNewPush() {
        SimulatedGateway gw1 = fleet().gateway("dev", "dev-gw-1");
        SimulatedGateway gw2 = fleet().gateway("dev", "dev-gw-2");
        gw1.setXdsVersion("gates-push-1");
        gw2.setXdsVersion("gates-push-1");
        String id = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "0s",
                "healthGate", Map.of("converged", true), "routes", List.of(route("gates-converge", "v2"))));
        String stale = awaitUntil(id, j -> String.valueOf(j.getString("waves[0].clusters[0].note"))
                .contains("waiting for convergence")).getString("waves[0].clusters[0].note");
        assertThat(stale).contains("still at the configuration seen before the apply")
                .contains("dev-gw-1 (RDS still gates-push-1)");

        gw1.setXdsVersion("gates-push-2");
        awaitUntil(id, j -> String.valueOf(j.getString("waves[0].clusters[0].note"))
                .matches(".*dev-gw-2 \\(RDS still gates-push-1\\)$"));
        // both moved, but not to the same push: not converged either
        gw2.setXdsVersion("gates-push-3");
        awaitUntil(id, j -> String.valueOf(j.getString("waves[0].clusters[0].note")).contains(
                "the gateways serve different versions: dev-gw-1 at RDS=gates-push-2, dev-gw-2 at RDS=gates-push-3"));
        assertThat(get(id).getString("waves[0].clusters[0].state")).isEqualTo("verifying");

        gw2.setXdsVersion("gates-push-2");
        JsonPath done = awaitState(id, "succeeded");
        assertThat(done.getString("waves[0].clusters[0].note")).isNull();

        // a push that never comes fails the cluster after the verify timeout (10 s here), naming what is stale
        String never = start(Map.of("strategy", "selective", "clusters", List.of("dev"), "waitTime", "0s",
                "healthGate", Map.of("converged", true),
                "plugins", List.of(Map.of("name", "gates-converge-plugin",
                        "url", "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/p:1"))));
        assertThat(awaitState(never, "rolled-back").getString("reason"))
                .contains("not converged, still at the configuration seen before the apply")
                .contains("(ECDS still gates-push-2)").contains("after 10s");
    }

    @Test
    void aWaveWaitsForAnApprovalByAnotherOperatorThanTheCreator() {
        String id = start(Map.of("strategy", "canary", "waves", List.of(List.of("dev"), List.of("test")),
                "waitTime", "0s", "confirmPromotion", true, "routes", List.of(route("gates-approve", "v2"))));
        JsonPath waiting = awaitUntil(id, j -> j.getString("waiting") != null);
        assertThat(waiting.getString("waiting")).contains("approval: wave 2 starts once an operator other than "
                + "sim-operator approves it");
        assertThat(clusterState(waiting, "dev")).isEqualTo("succeeded");
        assertThat(clusterState(waiting, "test")).isEqualTo("pending");
        assertThat(waiting.getString("state")).isEqualTo("running");
        assertThat(ingress(fleet().client("test"), "gates-approve")).as("not before the approval").isNull();

        // the creator cannot approve its own promotion: a 403 saying why, and nothing moves
        asOperator().post("/api/v1/rollouts/" + id + "/approve").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("created by sim-operator, who cannot approve"));
        assertThat(clusterState(get(id), "test")).isEqualTo("pending");

        Instant approved = Instant.now();
        io.higress.fleet.sim.FleetApi.asAdmin().post("/api/v1/rollouts/" + id + "/approve").then().statusCode(200);
        JsonPath done = awaitState(id, "succeeded");
        assertThat(at(done, "test", "startedAt")).isAfterOrEqualTo(approved);
        assertThat(done.getList("approvals", String.class)).hasSize(1).allMatch(a -> a.startsWith("wave 2: "));
        assertThat(done.getString("waiting")).isNull();
        // nothing waits any more: a second approval is a conflict
        io.higress.fleet.sim.FleetApi.asAdmin().post("/api/v1/rollouts/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void everyNewGateFieldIsValidatedByName() {
        Map<String, Object> r = route("gates-invalid", "v1");
        invalid(Map.of("maxP99Ms", -1), "healthGate.maxP99Ms");
        invalid(Map.of("minRequests", 0), "healthGate.minRequests");
        invalid(Map.of("window", "soon"), "healthGate.window");
        invalid(Map.of("interval", "0s"), "healthGate.interval");
        invalid(Map.of("onNoTraffic", "ignore"), "healthGate.onNoTraffic");
        asOperator().contentType("application/json").body(Map.of("strategy", "all", "routes", List.of(r),
                "healthGate", Map.of("maxP99Ms", 0, "onNoTraffic", "later"))).post("/api/v1/rollouts").then()
                .statusCode(400).body("errors.field", hasItems("healthGate.maxP99Ms", "healthGate.onNoTraffic"));
        assertThat(ingress(fleet().client("dev"), "gates-invalid")).isNull();
    }

    void invalid(Map<String, Object> gate, String field) {
        asOperator().contentType("application/json").body(Map.of("strategy", "all", "healthGate", gate,
                "routes", List.of(route("gates-invalid", "v1")))).post("/api/v1/rollouts").then().statusCode(400)
                .body("errors.field", hasItems(field));
    }

    /** {requests, 5xx} of a gateway's listeners (Envoy's admin listener excluded), read from its admin API. */
    static long[] wholeGateway(SimulatedGateway g) throws Exception {
        String filter = URLEncoder.encode("^http\\..+\\.downstream_rq_(5xx|total)$", StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(g.adminUrl() + "/stats?format=json&filter=" + filter)).build(),
                HttpResponse.BodyHandlers.ofString());
        long total = 0;
        long errors = 0;
        for (JsonNode stat : new ObjectMapper().readTree(answer.body()).path("stats")) {
            String name = stat.path("name").asText();
            if (name.startsWith("http.admin.")) {
                continue;
            }
            if (name.endsWith(".downstream_rq_total")) {
                total += stat.path("value").asLong();
            } else if (name.endsWith(".downstream_rq_5xx")) {
                errors += stat.path("value").asLong();
            }
        }
        return new long[] {total, errors};
    }
}
