package io.higress.fleet.upstream;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load on the facade is not an outage of the gateways: 500 parallel dashboard reads of healthy (if slowish)
 * gateways overflow every gateway's bulkhead, and those refusals must not open a single breaker.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "a,b,c"),
        @ResourceArg(name = "gateways", value = "2"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "2s"),
        // this test is about the gateways' guards, not about the per-caller limit in front of them
        @ResourceArg(name = "fleet.fanout.reads-per-caller", value = "1000")})
class GuardsUnderLoadTest {

    static final int READS = 500;

    @TestHTTPResource("/api/v1/fleet/ready")
    URI ready;

    @AfterEach
    void healthyAgain() {
        SimulatedFleetResource.fleet().gateways().forEach(SimulatedGateway::clearFault);
    }

    @Test
    void fiveHundredParallelReadsLeaveEveryBreakerClosed() throws Exception {
        List<SimulatedGateway> gateways = SimulatedFleetResource.fleet().gateways();
        awaitEveryGatewayAnswers(); // the first reads after start-up also pay for class loading
        // 20 ms per answer: a gateway serves ~100 calls in the second a call may wait for a slot, far fewer than 500
        gateways.forEach(g -> g.setFault(Fault.latency(20).onPath("/ready")));

        List<HttpResponse<String>> answers = storm(READS);

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        long refused = answers.stream().mapToLong(r -> JsonPath.from(r.body())
                .getList("items.findAll { it.error?.upstream?.reason == 'bulkhead full' }").size()).sum();
        assertThat(refused).as("the storm overflowed the bulkheads (else this test proves nothing)").isPositive();

        JsonPath upstreams = JsonPath.from(asViewer().when().get("/api/v1/upstreams?kind=envoy-admin").then()
                .statusCode(200).extract().asString());
        assertThat(upstreams.getList("items.breaker", String.class)).hasSize(6).containsOnly("CLOSED");

        asViewer().when().get("/api/v1/fleet/ready").then().statusCode(200)
                .body("summary.total", equalTo(6)).body("summary.ok", equalTo(6));
    }

    static void awaitEveryGatewayAnswers() {
        Poll.until("a read answered by every gateway", Duration.ofSeconds(60), () -> asViewer()
                .when().get("/api/v1/fleet/ready").then().statusCode(200).extract().<Integer>path("summary.ok") == 6);
    }

    /** {@code n} reads at once, each on its own connection; every answer is awaited (each ends by its deadline). */
    private List<HttpResponse<String>> storm(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            HttpClient http = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + SimulatedCredentials.VIEWER_KEY).GET().build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
