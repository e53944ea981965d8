package io.higress.fleet.sim;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults of the simulated Kubernetes API servers, injected the way docs/simulator.md tells a user to: through the
 * control API. The brief's "500" row on a write, a hung API server on a read, and a bad fault refused.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.retries", value = "0")})
class KubernetesFaultsTest {

    static SimControlServer control;

    @BeforeAll
    static void startControl() {
        control = SimControlServer.start(SimulatedFleetResource.fleet(), 0);
    }

    @AfterAll
    static void stopControl() {
        control.close();
    }

    @AfterEach
    void clear() {
        for (String cluster : SimulatedFleetResource.fleet().clusters()) {
            assertThat(send("DELETE", "/sim/clusters/" + cluster + "/kubernetes/fault", "").statusCode())
                    .isEqualTo(200);
        }
    }

    static String route(String name) {
        return "{\"name\": \"" + name + "\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}";
    }

    @Test
    void aWriteAnswered500IsA502NamingTheClusterAndTheOtherClusterIsWritten() {
        HttpResponse<String> set = send("PUT", "/sim/clusters/prod/kubernetes/fault",
                "{\"method\":\"WRITE\",\"path\":\"/apis/networking.k8s.io\",\"status\":500}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"status\" : 500");

        asOperator().contentType("application/json").body(route("fault-500")).post("/api/v1/routes")
                .then().statusCode(207)
                .body("results.find { it.cluster == 'dev' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'prod' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'prod' }.error.status", equalTo(502))
                .body("results.find { it.cluster == 'prod' }.error.type", containsString("upstream-error"))
                .body("results.find { it.cluster == 'prod' }.error.cluster", equalTo("prod"))
                .body("results.find { it.cluster == 'prod' }.error.upstream.status", equalTo(500))
                .body("results.find { it.cluster == 'prod' }.error.hint", containsString("controller logs"));
        // the read of the plan went through (GET is not a write), the create did not reach the store
        assertThat(SimulatedFleetResource.fleet().client("prod").network().v1().ingresses()
                .inNamespace("higress-system").withName("fault-500").get()).isNull();
        JsonNode prod = cluster("prod");
        assertThat(prod.at("/kubernetes/faulted").asLong()).isPositive();
        assertThat(prod.at("/kubernetes/fault/method").asText()).isEqualTo("WRITE");
    }

    @Test
    void aHungApiServerIsA504ForItsClusterWithinTheGuardsDeadline() {
        assertThat(send("PUT", "/sim/clusters/dev/kubernetes/fault",
                "{\"method\":\"GET\",\"path\":\"/apis/networking.k8s.io\",\"hang\":true}").statusCode())
                .isEqualTo(200);
        asOperator().get("/api/v1/routes").then().log().ifValidationFails().statusCode(200)
                .header("X-Fleet-Partial", "true")
                .body("errors[0].cluster", equalTo("dev"))
                .body("errors[0].status", equalTo(504))
                .body("errors[0].type", containsString("upstream-timeout"));
    }

    @Test
    void anUnknownMethodOrClusterIsRefusedAndNothingChanges() {
        assertThat(send("PUT", "/sim/clusters/dev/kubernetes/fault", "{\"method\":\"FETCH\",\"status\":500}")
                .statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/sim/clusters/dev/kubernetes/fault", "{\"status\":42}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/sim/clusters/stage/kubernetes/fault", "{\"status\":500}").statusCode())
                .isEqualTo(404);
        assertThat(cluster("dev").at("/kubernetes/fault").isMissingNode()).isTrue();
        assertThat(SimulatedFleetResource.fleet().kubernetesFault("dev").isNone()).isTrue();
    }

    static JsonNode cluster(String name) {
        for (JsonNode c : AdminClient.json(control.url() + "/sim/clusters")) {
            if (c.get("cluster").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cluster " + name + " in /sim/clusters");
    }

    static HttpResponse<String> send(String method, String path, String body) {
        return AdminClient.send(HttpRequest.newBuilder(URI.create(control.url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
