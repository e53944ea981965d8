package io.higress.fleet.rollout;

import static io.higress.fleet.rollout.Rollouts.route;
import static io.higress.fleet.rollout.Rollouts.start;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.HeldRead;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The facade's own load is not the rollout's fault: while a dashboard read holds the gateway's only admin slot, the
 * gate's reads are refused as busy; the cluster's note says so, the gate checks again, and nothing is rolled back.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"),
        @ResourceArg(name = "gateways", value = "1"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.concurrency", value = "1"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.queue", value = "0"),
        // the held dashboard read must not end by itself while the test looks
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "60s"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.slow-timeout", value = "60s"),
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "60s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class GateBusyTest {

    static final Duration LONG = Duration.ofSeconds(60);
    /**
     * The gate's /ready reads alone: the held dashboard read hangs the gateway's /stats, which the rejected-updates
     * check reads too (it would be noted busy before the apply, then hang once the slot is free).
     */
    static final Map<String, Object> READY_ONLY = Map.of("rejectedUpdates", false);

    @TestHTTPResource("/")
    URI facade;

    private HeldRead dashboard;

    @AfterEach
    void release() throws IOException {
        if (dashboard != null) {
            dashboard.close();
        }
        SimulatedFleetResource.fleet().gateways().forEach(SimulatedGateway::clearFault);
    }

    @Test
    void busyWhileVerifyingIsNotedAndVerifiedAgain() throws IOException {
        holdTheGatewaysSlot();
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev"), "waitTime", "300ms",
                "healthGate", READY_ONLY, "routes", List.of(route("busy-verify", "v1"))));

        JsonPath noted = Rollouts.await(id, j -> note(j) != null, LONG);
        assertThat(note(noted)).contains("too busy", "dev-gw-1");
        assertThat(noted.getString("state")).isEqualTo("running");
        assertThat(noted.getString("waves[0].clusters[0].state")).isEqualTo("verifying");

        freeTheGatewaysSlot();
        JsonPath done = Rollouts.await(id, j -> "succeeded".equals(j.getString("state")), LONG);
        assertThat(note(done)).isNull();
        assertThat(done.getString("waves[0].clusters[0].error")).isNull();
    }

    @Test
    void busyWhileBakingIsNotedAndTheBakeGoesOn() throws IOException {
        String id = start(Map.of("strategy", "canary", "canaryOrder", List.of("dev"), "waitTime", "1h",
                "healthGate", READY_ONLY, "routes", List.of(route("busy-bake", "v1"))));
        Rollouts.await(id, j -> "baking".equals(j.getString("waves[0].clusters[0].state")), LONG);

        holdTheGatewaysSlot();
        JsonPath noted = Rollouts.await(id, j -> note(j) != null, LONG);
        assertThat(note(noted)).contains("too busy", "dev-gw-1");
        assertThat(noted.getString("state")).isEqualTo("running");
        assertThat(noted.getString("waves[0].clusters[0].state")).isEqualTo("baking");

        freeTheGatewaysSlot();
        JsonPath decided = Rollouts.await(id, j -> note(j) == null, LONG);
        assertThat(decided.getString("waves[0].clusters[0].state")).isEqualTo("baking");
        asOperator().post("/api/v1/rollouts/" + id + "/promote").then().statusCode(200);
        Rollouts.await(id, j -> "succeeded".equals(j.getString("state")), LONG);
    }

    private static String note(JsonPath rollout) {
        return rollout.getString("waves[0].clusters[0].note");
    }

    /** A streamed dashboard read of a hanging /stats: it holds the gateway's one slot until its client leaves. */
    private void holdTheGatewaysSlot() throws IOException {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setFault(Fault.hanging().onPath("/stats")));
        dashboard = HeldRead.start(facade, "/api/v1/fleet/stats", "application/x-ndjson");
        awaitInFlight(1);
    }

    private void freeTheGatewaysSlot() throws IOException {
        dashboard.close();
        dashboard = null;
        awaitInFlight(0);
    }

    private static void awaitInFlight(int n) {
        Poll.until("calls in flight to the gateway: " + n, LONG, () -> asViewer()
                .when().get("/api/v1/upstreams?kind=envoy-admin").then().extract().jsonPath()
                .getInt("items[0].inFlight") == n);
    }
}
