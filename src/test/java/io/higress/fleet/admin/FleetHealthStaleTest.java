package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Past the TTL, the request that starts the next fan-out is answered at once with the previous summary (within the
 * stale grace); once the fan-out is done, the new summary is served — and each gateway was still called once.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"),
        @ResourceArg(name = "fleet.health.ttl", value = "1s"),
        @ResourceArg(name = "fleet.health.stale-grace", value = "5s")})
class FleetHealthStaleTest {

    static String state() {
        return asViewer().when().get("/api/v1/fleet/health").then().statusCode(200).extract().jsonPath()
                .getString("clusters[0].gateways.find { it.name == 'dev-gw-1' }.state");
    }

    @Test
    void aRefreshDoesNotMakeTheCallerWait() throws Exception {
        SimulatedGateway gw = SimulatedFleetResource.fleet().gateway("dev", "dev-gw-1");
        assertThat(state()).isEqualTo("LIVE");
        gw.setState(ServerState.DRAINING);
        gw.resetRequestCounts();
        Thread.sleep(1200);
        try {
            assertThat(state()).as("the previous summary, while the refresh runs").isEqualTo("LIVE");
            String seen = null;
            for (int i = 0; i < 50 && !"DRAINING".equals(seen); i++) {
                Thread.sleep(50);
                seen = state();
            }
            assertThat(seen).as("the refreshed summary").isEqualTo("DRAINING");
            assertThat(gw.requestCount("/server_info")).as("one fan-out for all those requests").isEqualTo(1);
        } finally {
            gw.setState(ServerState.LIVE);
        }
    }
}
