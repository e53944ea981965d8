package io.higress.fleet.resources.httproute;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The console has no API for Gateway API objects: a console-managed cluster is a per-cluster 400, the others go
 * ahead.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class HttpRouteConsoleClusterTest {

    @Test
    void aConsoleManagedClusterIsAPerCluster400() {
        asOperator().contentType("application/json").body(HttpRouteTest.body("console-route", "c.example.com", 80))
                .post("/api/v1/httproutes").then().statusCode(207)
                .body("results.find { it.cluster == 'dev' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'prod' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'test' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'test' }.error.status", equalTo(400));
        assertThat(HttpRouteTest.object("dev", "console-route")).isNotNull();
    }
}
