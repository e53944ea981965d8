package io.higress.fleet.upstream.envoy;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Higress binds the admin to 127.0.0.1 in the pod, so production reaches it by Kubernetes port-forward. Here the
 * {@code pf} cluster's API server speaks the port-forward protocol (bridged to the Envoy simulators): discovery
 * lists the pods, fabric8's LocalPortForward carries the admin calls.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "pf,dev"),
        @ResourceArg(name = "port-forward", value = "pf"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms")})
class PortForwardTransportTest {

    @Test
    void adminCallsTravelThroughThePortForward() {
        asViewer().when().get("/api/v1/clusters/pf/gateways").then().statusCode(200)
                .body("items.adminAccess", everyItem(equalTo("port-forward")));
        long before = SimulatedFleetResource.fleet().gateway("pf", "pf-gw-1").requestCount("/server_info");
        asViewer().when().get("/api/v1/fleet/server_info?clusters=pf").then().statusCode(200)
                .body("summary.ok", equalTo(2))
                .body("items.data.state", everyItem(equalTo("LIVE")));
        // the answers came through port-forward streams (kept alive and reused between calls)
        assertThat(SimulatedFleetResource.fleet().portForwardStreams("pf")).isPositive();
        assertThat(SimulatedFleetResource.fleet().gateway("pf", "pf-gw-1").requestCount("/server_info"))
                .isGreaterThan(before);
    }

    @Test
    void faultsBehindAPortForwardMapLikeDirectOnes() {
        SimulatedFleetResource.fleet().gateway("pf", "pf-gw-2").setFault(Fault.hanging());
        try {
            String body = asViewer().when().get("/api/v1/fleet/ready?clusters=pf").then().statusCode(200)
                    .header("X-Fleet-Partial", "true").extract().asString();
            JsonPath json = JsonPath.from(body);
            assertThat(json.getInt("items.find { it.gateway == 'pf-gw-2' }.error.status")).isEqualTo(504);
            assertThat(json.getString("items.find { it.gateway == 'pf-gw-1' }.status")).isEqualTo("ok");
        } finally {
            SimulatedFleetResource.fleet().gateway("pf", "pf-gw-2").clearFault();
        }
        // the forward that timed out was discarded; the next call opens a fresh one and succeeds
        asViewer().when().get("/api/v1/fleet/ready?clusters=pf").then().statusCode(200)
                .body("summary.ok", equalTo(2));
    }
}
