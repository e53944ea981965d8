package io.higress.fleet.discovery;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.InjectSimulatedFleet;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery by watch: a gateway pod added to or removed from a cluster's API server shows in /fleet/ready and the
 * registry without any listing (the resync is 10 minutes, longer than the test waits: only the watch can tell), and
 * a removed gateway's guard goes with it.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"),
        @ResourceArg(name = "spare-gateways", value = "1"),
        @ResourceArg(name = "fleet.discovery.refresh", value = "10m")})
class GatewayWatchTest {

    @InjectSimulatedFleet
    SimulatedFleet fleet;

    static JsonPath ready() {
        return asViewer().get("/api/v1/fleet/ready?clusters=dev").then().statusCode(200).extract().jsonPath();
    }

    static List<String> guardedGateways() {
        return asViewer().get("/api/v1/upstreams?kind=envoy-admin&cluster=dev").then().statusCode(200).extract()
                .jsonPath().getList("items.gateway", String.class);
    }

    @Test
    void anAddedOrRemovedGatewayPodIsSeenByTheWatch() {
        Poll.until(GatewayWatchTest::ready, j -> j.getInt("summary.ok") == 2);
        assertThat(guardedGateways()).doesNotContain("dev-gw-3");

        long added = System.nanoTime();
        fleet.addGatewayPod("dev", "dev-gw-3");
        JsonPath three = Poll.until(GatewayWatchTest::ready, j -> j.getInt("summary.ok") == 3);
        System.out.printf("dev-gw-3 in /fleet/ready %d ms after its pod was created%n",
                (System.nanoTime() - added) / 1_000_000);
        assertThat(three.getList("items.gateway", String.class)).contains("dev-gw-1", "dev-gw-2", "dev-gw-3");
        asViewer().get("/api/v1/clusters/dev").then().statusCode(200)
                .body("gateways.discovered", org.hamcrest.Matchers.equalTo(3));
        assertThat(guardedGateways()).contains("dev-gw-3");

        fleet.deleteGatewayPod("dev", "dev-gw-3");
        JsonPath two = Poll.until(GatewayWatchTest::ready, j -> j.getInt("summary.total") == 2);
        assertThat(two.getList("items.gateway", String.class)).containsExactly("dev-gw-1", "dev-gw-2");
        Poll.until(GatewayWatchTest::guardedGateways, g -> !g.contains("dev-gw-3"));
        // the other cluster is untouched
        asViewer().get("/api/v1/fleet/ready?clusters=prod").then().statusCode(200)
                .body("summary.ok", org.hamcrest.Matchers.equalTo(2));
    }
}
