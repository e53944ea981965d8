package io.higress.fleet.discovery;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * An API server that goes away: its gateway watch is lost, the last known gateways are kept and the cluster is
 * marked degraded while the informer tries to reconnect.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.timeout", value = "1s"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.retries", value = "0")})
class DiscoveryOutageTest {

    @Test
    void aLostApiServerDegradesItsClusterButKeepsItsGateways() throws InterruptedException {
        // Discovery starts with the facade and takes its own time on a busy machine: wait for it to have listed.
        String before = null;
        for (int i = 0; i < 150 && !"ok".equals(before); i++) {
            before = asViewer().when().get("/api/v1/clusters/dev").then().statusCode(200).extract().path("status");
            if (!"ok".equals(before)) {
                Thread.sleep(200);
            }
        }
        assertThat(before).isEqualTo("ok");
        SimulatedFleetResource.fleet().stopKubernetes("dev");

        String status = null;
        JsonPath view = null;
        for (int i = 0; i < 50 && !"degraded".equals(status); i++) {
            Thread.sleep(200);
            view = asViewer().when().get("/api/v1/clusters/dev").then().statusCode(200).extract().jsonPath();
            status = view.getString("status");
        }
        assertThat(status).isEqualTo("degraded");
        assertThat(view.getString("error")).contains("kubernetes:dev");
        assertThat(view.getInt("gateways.discovered")).isEqualTo(2);

        asViewer().when().get("/api/v1/fleet/ready?clusters=dev").then().statusCode(200)
                .body("summary.ok", equalTo(2));
        asViewer().when().get("/api/v1/clusters/prod").then().statusCode(200).body("status", equalTo("ok"));
    }
}
