package io.higress.fleet.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What /q/health says (docs/operations.md#health): ready = this replica can serve (configuration valid, data
 * directory writable); the fleet check reports the clusters (here one whose only gateway does not answer) without
 * ever failing readiness.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1s"),
        @ResourceArg(name = "fleet.clusters.lab.gateways.admin-mode", value = "direct"),
        @ResourceArg(name = "fleet.clusters.lab.gateways.direct.lab-gw-1", value = "http://127.0.0.1:1")})
class HealthChecksTest {

    /** Reads until the answer satisfies the condition (the checks read caches that fill in the background). */
    static Response until(String path, Predicate<Response> condition) {
        return Poll.until(() -> RestAssured.get(path), condition);
    }

    static Map<String, Object> data(Response r, String check) {
        return JsonPath.from(r.asString()).getMap("checks.find { it.name == '" + check + "' }.data");
    }

    @Test
    void readinessIsThisReplicaAndTheFleetCheckReportsAnUnreachableGatewayWithoutFailingIt() {
        Response ready = RestAssured.get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        assertThat(ready.jsonPath().getList("checks.name")).containsExactly("facade");
        assertThat(data(ready, "facade")).containsEntry("configuration", "valid (3 clusters)");
        assertThat((String) data(ready, "facade").get("data-dir")).endsWith("(writable)");

        Response health = until("/q/health", r -> {
            Map<String, Object> fleet = data(r, "fleet");
            return fleet != null && String.valueOf(fleet.get("lab")).startsWith("unreachable")
                    && String.valueOf(fleet.get("dev")).startsWith("ok");
        });
        assertThat(health.statusCode()).as("dev and prod answer: the fleet is up").isEqualTo(200);
        Map<String, Object> fleet = data(health, "fleet");
        assertThat(fleet).containsEntry("clusters", 3).containsEntry("unreachable", 1).containsEntry("ok", 2)
                .containsEntry("gateways-discovered", 5).containsEntry("gateways-reachable", 4);
        // green or yellow: the simulated Envoys may report an unhealthy upstream host
        assertThat(String.valueOf(fleet.get("dev"))).startsWith("ok: 2 of 2 gateways ready, 2 LIVE (");
        assertThat(String.valueOf(fleet.get("lab"))).isEqualTo("unreachable: 1 gateways configured, 0 LIVE (red)");
        assertThat(RestAssured.get("/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(RestAssured.get("/q/health/well").jsonPath().getList("checks.name")).containsExactly("fleet");
    }

    @Test
    void aDataDirectoryThatTakesNoWriteIsNotReadyAndReadyAgainOnceItDoes() throws Exception {
        Path dir = Path.of(SimulatedFleetResource.fleet().properties().get("fleet.data-dir"));
        until("/q/health/ready", r -> r.statusCode() == 200); // the probe creates the directory if missing
        Path aside = dir.resolveSibling(dir.getFileName() + ".aside");
        Files.move(dir, aside);
        Files.writeString(dir, "a file where the directory should be");
        try {
            Response down = until("/q/health/ready", r -> r.statusCode() == 503);
            assertThat(down.jsonPath().getString("status")).isEqualTo("DOWN");
            assertThat((String) data(down, "facade").get("data-dir")).contains(dir.toString(), "is not writable");
        } finally {
            Files.delete(dir);
            Files.move(aside, dir);
        }
        until("/q/health/ready", r -> r.statusCode() == 200);
    }
}
