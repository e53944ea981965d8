package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet.envoy.max-answer-size} caps a buffered admin answer: one larger than the cap is the gateway's
 * malformed answer (502), never buffered whole; one within it is data.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.envoy.max-answer-size", value = "200"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.retries", value = "0")})
class AnswerCapTest {

    @Test
    void anAnswerOverTheCapIsAMalformedAnswerAndOneWithinItIsData() {
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/server_info").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("answer larger than 200 bytes"))
                .body("cluster", equalTo("dev"));
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/ready").then().statusCode(200);
    }
}
