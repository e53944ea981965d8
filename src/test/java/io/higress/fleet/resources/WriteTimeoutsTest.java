package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.WriteFault;
import io.higress.fleet.sim.WriteFaultProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes whose answer never came: the API server (or console) stored the write and then answered after the
 * facade's deadline, or the connection was lost after sending. The facade reads the object again: applied → the
 * result the write would have had, with the version the upstream holds; not applied → failed; the read failing too
 * → {@code unknown}, with a hint to read it again. Each fault hits one cluster; its neighbour answers normally.
 * The cluster that goes down after a write ({@code flaky}) serves no other test.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,test,flaky,prod"),
        @ResourceArg(name = "write-faults", value = "dev,test,flaky"),
        @ResourceArg(name = "console-managed", value = "prod"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.retries", value = "1"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.retry-backoff", value = "10ms"),
        // the faults are failures of the upstream: they must not open breakers for the tests after them
        @ResourceArg(name = "fleet.upstreams.kubernetes.breaker-failure-ratio", value = "1"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.breaker-delay", value = "1s"),
        @ResourceArg(name = "fleet.upstreams.console.timeout", value = "1500ms")})
class WriteTimeoutsTest {
    static final Duration LATE = Duration.ofSeconds(8);

    static WriteFaultProxy faults(String cluster) {
        return SimulatedFleetResource.fleet().writeFaults(cluster);
    }

    @AfterEach
    void clearFaults() {
        faults("dev").clear();
        faults("test").clear();
        faults("flaky").clear();
        SimulatedFleetResource.fleet().console("prod").clearWriteFault();
    }

    @Test
    void aCreateStoredButAnsweredLateIsCreatedWithTheVersionTheClusterHolds() {
        faults("dev").arm(WriteFault.answerLate("/ingresses", LATE));
        JsonPath answer = asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(WriteFailuresTest.route("late-create")).post("/api/v1/routes").then()
                .statusCode(201)
                .body("results[0].status", equalTo("created"))
                .body("summary.succeeded", equalTo(1))
                .extract().jsonPath();
        assertThat(faults("dev").fired()).as("the fault fired").isEqualTo(1);
        assertThat(answer.getString("results[0].resourceVersion"))
                .isEqualTo(ClusterState.get("dev", "Ingress", "late-create").getMetadata().getResourceVersion());
        assertThat(answer.getList("results[0].changes.path")).contains("/spec");
    }

    @Test
    void anUpdateWhoseConnectionIsLostAfterStoringIsUpdated() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(WriteFailuresTest.route("reset-update")).post("/api/v1/routes").then().statusCode(201);
        String before = ClusterState.get("dev", "Ingress", "reset-update").getMetadata().getResourceVersion();
        faults("dev").arm(WriteFault.resetAfterStoring("/ingresses/reset-update"));

        JsonPath answer = asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"servicePort\": 81}").put("/api/v1/routes/reset-update").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .extract().jsonPath();
        String now = ClusterState.get("dev", "Ingress", "reset-update").getMetadata().getResourceVersion();
        assertThat(now).isNotEqualTo(before);
        assertThat(answer.getString("results[0].resourceVersion")).isEqualTo(now);
        assertThat(answer.getList("results[0].changes.path"))
                .contains("/spec/rules/0/http/paths/0/backend/service/port/number");
    }

    @Test
    void aDeleteAnsweredLateIsDeleted() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(WriteFailuresTest.route("late-delete")).post("/api/v1/routes").then().statusCode(201);
        faults("dev").arm(WriteFault.answerLate("/ingresses/late-delete", LATE));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/routes/late-delete").then().statusCode(200)
                .body("results[0].status", equalTo("deleted"));
        assertThat(ClusterState.get("dev", "Ingress", "late-delete")).isNull();
    }

    /** Held and dropped before the store saw it: the re-read finds nothing, so the write failed; the hint is the API server's. */
    @Test
    void aWriteThatNeverReachedTheStoreFailsWithTheApiServersTimeout() {
        faults("dev").arm(WriteFault.neverStored("/ingresses", Duration.ofSeconds(3)));
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body(WriteFailuresTest.route("never-stored")).post("/api/v1/routes").then().statusCode(207)
                .body("results.find { it.cluster == 'test' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'dev' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'dev' }.error.status", equalTo(504))
                .body("results.find { it.cluster == 'dev' }.error.type", containsString("upstream-timeout"))
                .body("results.find { it.cluster == 'dev' }.error.detail", containsString("not applied"))
                .body("results.find { it.cluster == 'dev' }.error.hint", containsString("API server"))
                .body("results.find { it.cluster == 'dev' }.error.hint", not(containsString("Envoy")))
                .body("summary.failed", equalTo(1));
        assertThat(ClusterState.get("dev", "Ingress", "never-stored")).isNull();
    }

    /** Stored, then the API server went away: neither answer nor re-read; the result says so, and how to find out. */
    @Test
    void aWriteWhoseReReadFailsTooIsUnknownWithAHintToReadItAgain() {
        faults("flaky").arm(WriteFault.resetAfterStoring("/ingresses").thenDown());
        asOperator().queryParam("clusters", "dev,flaky").contentType("application/json")
                .body(WriteFailuresTest.route("unknown-create")).post("/api/v1/routes").then().statusCode(207)
                .body("results.find { it.cluster == 'dev' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'flaky' }.status", equalTo("unknown"))
                .body("results.find { it.cluster == 'flaky' }.error.detail", containsString("may have been applied"))
                .body("results.find { it.cluster == 'flaky' }.error.hint",
                        containsString("GET /api/v1/routes/unknown-create?clusters=flaky"))
                .body("summary.succeeded", equalTo(1))
                .body("summary.failed", equalTo(0))
                .body("summary.unknown", equalTo(1));
        faults("flaky").clear();
        assertThat(ClusterState.get("flaky", "Ingress", "unknown-create")).as("it was stored").isNotNull();
    }

    /** The same through a console: it stored the route, then answered after the deadline. */
    @Test
    void aConsoleRouteStoredButAnsweredLateIsCreated() {
        SimulatedFleetResource.fleet().console("prod").failNextWrite(WriteFault.answerLate("/v1/routes", LATE));
        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body(WriteFailuresTest.route("console-late")).post("/api/v1/routes").then().statusCode(201)
                .body("results[0].status", equalTo("created"));
        assertThat(SimulatedFleetResource.fleet().console("prod").route("console-late")).isNotNull();
    }

    @Test
    void aConsoleWriteThatWasNeverStoredFailsWithTheConsolesTimeout() {
        SimulatedFleetResource.fleet().console("prod")
                .failNextWrite(WriteFault.neverStored("/v1/routes", Duration.ofSeconds(3)));
        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body(WriteFailuresTest.route("console-never")).post("/api/v1/routes").then().statusCode(504)
                .body("detail", containsString("not applied"))
                .body("hint", containsString("Higress Console"));
        assertThat(SimulatedFleetResource.fleet().console("prod").route("console-never")).isNull();
    }
}
