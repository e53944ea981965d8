package io.higress.fleet.upstream;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * 20 gateways, one hanging: each answer comes at the per-gateway deadline with 19 ok items; after the configured
 * failures the hung gateway's breaker opens, later calls skip it fast, and /api/v1/upstreams and /q/metrics show it.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "c1,c2,c3,c4"),
        @ResourceArg(name = "gateways", value = "5"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1s"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "2"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-failure-ratio", value = "1.0"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-delay", value = "60s")})
class BreakerTest {

    static final long TIMEOUT_MS = 1000;
    static final long MARGIN_MS = 1000;

    record Timed(Response response, long millis) {
    }

    static Timed ready() {
        long start = System.nanoTime();
        Response r = asViewer().when().get("/api/v1/fleet/ready").then().statusCode(200)
                .header("X-Fleet-Partial", "true")
                .body("summary.total", equalTo(20)).body("summary.ok", equalTo(19))
                .extract().response();
        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
    }

    static int hungItemStatus(Response r) {
        return JsonPath.from(r.asString()).getInt("items.find { it.gateway == 'c3-gw-4' }.error.status");
    }

    /** The hung gateway's item duration as the facade measured it (free of the test client's own delays). */
    static long hungItemMillis(Response r) {
        return JsonPath.from(r.asString()).getLong("items.find { it.gateway == 'c3-gw-4' }.durationMs");
    }

    @Test
    void theHungGatewaysBreakerOpensAndLaterCallsSkipItFast() {
        SimulatedGateway hung = SimulatedFleetResource.fleet().gateway("c3", "c3-gw-4");
        // One call first: the first request after startup also pays for class loading and JIT.
        asViewer().when().get("/api/v1/fleet/ready").then().statusCode(200).body("summary.ok", equalTo(20));
        hung.setFault(Fault.hanging());

        for (int i = 0; i < 2; i++) {
            Timed t = ready();
            assertThat(hungItemStatus(t.response())).isEqualTo(504);
            assertThat(t.millis()).isGreaterThanOrEqualTo(TIMEOUT_MS - 50);
            assertThat(hungItemMillis(t.response())).isGreaterThanOrEqualTo(TIMEOUT_MS - 50)
                    .isLessThan(TIMEOUT_MS + MARGIN_MS);
        }
        long callsWhenOpened = hung.requestCount("/ready");

        Timed fast = ready();
        assertThat(hungItemStatus(fast.response())).isEqualTo(503);
        assertThat(JsonPath.from(fast.response().asString())
                .getString("items.find { it.gateway == 'c3-gw-4' }.error.type")).endsWith("/upstream-unavailable");
        assertThat(hungItemMillis(fast.response())).isLessThan(TIMEOUT_MS / 2);
        assertThat(hung.requestCount("/ready")).isEqualTo(callsWhenOpened);

        asViewer().when().get("/api/v1/upstreams?kind=envoy-admin&cluster=c3").then().statusCode(200)
                .body("items.find { it.gateway == 'c3-gw-4' }.breaker", equalTo("OPEN"))
                .body("items.find { it.gateway == 'c3-gw-4' }.failed", equalTo(3))
                .body("items.find { it.gateway == 'c3-gw-4' }.lastError.status", equalTo(503))
                .body("items.find { it.gateway == 'c3-gw-1' }.breaker", equalTo("CLOSED"))
                .body("items.find { it.gateway == 'c3-gw-1' }.ok", equalTo(4));

        String metrics = asViewer().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "fleet_upstream_breaker_state\\{cluster=\"c3\",gateway=\"c3-gw-4\",kind=\"envoy-admin\"} 1\\.0");
        assertThat(metrics).containsPattern(
                "fleet_upstream_calls_total\\{cluster=\"c3\",gateway=\"c3-gw-4\",kind=\"envoy-admin\",outcome=\"504\"} 2\\.0");
        assertThat(metrics).contains("fleet_upstream_latency_seconds");
    }
}
