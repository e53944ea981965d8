package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.HeldRead;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One caller cannot take every fan-out: with a limit of one read per caller, the viewer's second concurrent fleet
 * read is a 429 with Retry-After while another caller is served (each gateway's second admin slot is free for it),
 * and a read whose client went away (plain or streamed) gives its place back. The coalesced health summary is not
 * counted.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"),
        @ResourceArg(name = "fleet.fanout.reads-per-caller", value = "1"),
        // the held read must not end by itself while the test looks at it
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "60s")})
class ReadsPerCallerTest {

    static final Duration BOUND = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI facade;

    private HeldRead held;

    @AfterEach
    void release() throws Exception {
        if (held != null) {
            held.close();
        }
        SimulatedFleetResource.fleet().gateways().forEach(SimulatedGateway::clearFault);
    }

    @Test
    void aPlainReadsCallerGetsA429AndOthersAreServed() throws Exception {
        checkTheLimit("application/json");
    }

    @Test
    void aStreamedReadWhoseClientWentAwayGivesItsPlaceBack() throws Exception {
        checkTheLimit("application/x-ndjson");
    }

    private void checkTheLimit(String accept) throws Exception {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setFault(Fault.hanging().onPath("/ready")));
        held = HeldRead.start(facade, "/api/v1/fleet/ready", accept);
        Poll.until("the held read runs: one admin slot of each gateway", BOUND, () -> asViewer()
                .when().get("/api/v1/upstreams?kind=envoy-admin").then().extract().jsonPath()
                .getList("items.inFlight", Integer.class).stream().allMatch(n -> n == 1));

        asViewer().when().get("/api/v1/fleet/server_info").then().statusCode(429)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/too-many-fleet-reads"))
                .body("status", equalTo(429));
        // another caller is not starved by the viewer
        asOperator().when().get("/api/v1/fleet/server_info").then().statusCode(200).body("summary.ok", equalTo(2));
        // the coalesced health summary is not counted: however many ask, it makes one fan-out per TTL
        asViewer().when().get("/api/v1/fleet/health").then().statusCode(200).body("counts.gateways", equalTo(2));

        held.close();
        held = null;
        Poll.until("the viewer's place is given back", BOUND,
                () -> asViewer().when().get("/api/v1/fleet/server_info").then().extract().statusCode() == 200);
    }
}
