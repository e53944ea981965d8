package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health summary: its content, and that a burst of identical requests costs each gateway one probe. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "20"),
        @ResourceArg(name = "fleet.health.ttl", value = "3s"),
        @ResourceArg(name = "fleet.health.stale-grace", value = "0s")})
class FleetHealthTest {

    static final long TTL_MS = 3000;

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void clear() {
        fleet().gateways().forEach(g -> {
            g.clearFault();
            g.setState(ServerState.LIVE);
        });
    }

    @Test
    void summaryPerClusterAndGateway() throws Exception {
        SimulatedGateway draining = fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);
        SimulatedGateway down = fleet().gateway("prod", "prod-gw-2").setFault(Fault.status(500));
        Thread.sleep(TTL_MS + 100); // let any summary cached by an earlier test expire
        JsonPath health = asViewer().when().get("/api/v1/fleet/health").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("yellow");
        assertThat(health.getInt("counts.gateways")).isEqualTo(6);
        assertThat(health.getInt("counts.reachable")).isEqualTo(5);
        assertThat(health.getInt("counts.red")).isEqualTo(1);
        assertThat(health.getInt("counts.hosts.total")).isGreaterThan(0);
        String dev1 = "clusters.find { it.name == 'dev' }.gateways.find { it.name == 'dev-gw-1' }";
        assertThat(health.getString(dev1 + ".status")).isEqualTo("green");
        assertThat(health.getString(dev1 + ".state")).isEqualTo("LIVE");
        assertThat(health.getString(dev1 + ".version")).contains("/RELEASE/");
        assertThat(health.getLong(dev1 + ".uptimeSeconds")).isPositive();
        assertThat(health.getString(dev1 + ".xdsVersions.ClustersConfigDump")).isEqualTo("2025-11-25T00:00:00Z/1");
        assertThat(health.getString(dev1 + ".breaker")).isEqualTo("CLOSED");
        String drained = "clusters.find { it.name == 'test' }.gateways.find { it.name == '" + draining.name() + "' }";
        assertThat(health.getString(drained + ".status")).isEqualTo("yellow");
        assertThat(health.getString(drained + ".state")).isEqualTo("DRAINING");
        String failed = "clusters.find { it.name == 'prod' }.gateways.find { it.name == '" + down.name() + "' }";
        assertThat(health.getBoolean(failed + ".reachable")).isFalse();
        assertThat(health.getString(failed + ".status")).isEqualTo("red");
        assertThat(health.getInt(failed + ".errors[0].status")).isEqualTo(502);
    }

    @Test
    void concurrentIdenticalRequestsShareOneFanOut() throws Exception {
        Thread.sleep(TTL_MS + 100);
        fleet().gateways().forEach(SimulatedGateway::resetRequestCounts);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        long start = System.nanoTime();
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> asViewer().when()
                        .get("/api/v1/fleet/health?selector=env in (dev,test,prod)").then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        long windows = (System.nanoTime() - start) / 1_000_000 / TTL_MS + 1;
        for (SimulatedGateway g : fleet().gateways()) {
            assertThat(g.requestCount("/server_info")).as(g.name()).isBetween(1L, windows);
            assertThat(g.requestCount("/clusters")).as(g.name()).isBetween(1L, windows);
        }
        asViewer().when().get("/api/v1/fleet/health?selector=env in (dev,test,prod)").then().statusCode(200)
                .body("counts.gateways", equalTo(6));
    }

    /** The version read is small: it gets the normal deadline (1.5 s here), not the 30 s one of full dumps. */
    @Test
    void aGatewayWhoseConfigDumpHangsDelaysTheSummaryOnlyByTheReadDeadline() throws Exception {
        fleet().gateway("dev", "dev-gw-2").setFault(Fault.hanging().onPath("/config_dump"));
        Thread.sleep(TTL_MS + 100);
        long start = System.nanoTime();
        JsonPath health = asViewer().when().get("/api/v1/fleet/health").then().statusCode(200).extract().jsonPath();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isLessThan(5_000);
        String gw = "clusters.find { it.name == 'dev' }.gateways.find { it.name == 'dev-gw-2' }";
        assertThat(health.getBoolean(gw + ".reachable")).isTrue();
        assertThat(health.getString(gw + ".state")).isEqualTo("LIVE");
    }
}
