package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.ServerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first fan-out end to end: the facade in front of 3 simulated clusters × 2 gateways, faults injected into the
 * Envoy admin simulators. Each test uses its own gateway for faults so that no breaker opens across tests.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "20"),
        // prod-gw-1 answers garbage to four reads in a row (three attempts each): that is the parsers' test, not
        // the breaker's, so prod's breakers judge a window long enough to stay closed
        @ResourceArg(name = "fleet.clusters.prod.upstreams.envoy-admin.breaker-window", value = "40"),
        @ResourceArg(name = "fleet.clusters.prod.upstreams.envoy-admin.breaker-min-calls", value = "40")})
class FleetReadsTest {

    static final long TIMEOUT_MS = 1500;

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void clearFaults() {
        fleet().gateways().forEach(g -> {
            g.clearFault();
            g.setState(ServerState.LIVE);
        });
    }

    static List<Map<String, Object>> items(Response r) {
        return r.jsonPath().getList("items");
    }

    @Test
    void readyListsEveryGateway() {
        Response r = asViewer().when().get("/api/v1/fleet/ready").then().statusCode(200)
                .header("X-Fleet-Partial", nullValue())
                .body("summary.total", equalTo(6))
                .body("summary.ok", equalTo(6))
                .body("summary.failed", equalTo(0))
                .body("partial", equalTo(false))
                .extract().response();
        assertThat(items(r)).extracting(i -> i.get("cluster") + "/" + i.get("gateway"))
                .containsExactlyInAnyOrder("dev/dev-gw-1", "dev/dev-gw-2", "test/test-gw-1", "test/test-gw-2",
                        "prod/prod-gw-1", "prod/prod-gw-2");
        assertThat(items(r)).allSatisfy(i -> {
            assertThat(i.get("status")).isEqualTo("ok");
            assertThat(i.get("data")).isEqualTo(Map.of("state", "LIVE", "ready", true));
        });
    }

    @Test
    void aHangingGatewayBecomesA504ItemWithinItsDeadline() {
        fleet().gateway("prod", "prod-gw-2").setFault(Fault.hanging());
        long start = System.nanoTime();
        Response r = asViewer().when().get("/api/v1/fleet/ready").then().statusCode(200)
                .header("X-Fleet-Partial", "true")
                .body("summary.ok", equalTo(5))
                .body("summary.failed", equalTo(1))
                .body("partial", equalTo(true))
                .extract().response();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isGreaterThanOrEqualTo(TIMEOUT_MS - 50);
        Map<String, Object> failed = items(r).stream().filter(i -> "error".equals(i.get("status"))).findFirst()
                .orElseThrow();
        // measured by the facade: the hung gateway's item ends at its deadline, whatever the client's own delays
        assertThat(((Number) failed.get("durationMs")).longValue()).isGreaterThanOrEqualTo(TIMEOUT_MS - 50)
                .isLessThan(TIMEOUT_MS + 1500);
        assertThat(failed.get("cluster")).isEqualTo("prod");
        assertThat(failed.get("gateway")).isEqualTo("prod-gw-2");
        JsonPath error = JsonPath.from(r.asString());
        assertThat(error.getInt("items.find { it.status == 'error' }.error.status")).isEqualTo(504);
        assertThat(error.getString("items.find { it.status == 'error' }.error.type")).endsWith("/upstream-timeout");
        // the slow one is last: items come in completion order
        assertThat(items(r).get(5).get("gateway")).isEqualTo("prod-gw-2");
    }

    @Test
    void partialAbortAnswersTheFailureWithEveryFailedTarget() {
        fleet().gateway("test", "test-gw-1").setFault(Fault.status(500));
        asViewer().when().get("/api/v1/fleet/ready?partial=abort").then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/upstream-error"))
                .body("errors[0].cluster", equalTo("test"))
                .body("errors[0].gateway", equalTo("test-gw-1"))
                .body("errors[0].upstream.status", equalTo(500));
    }

    @Test
    void upstreamFailuresMapToTheirStatus() {
        fleet().gateway("dev", "dev-gw-1").setFault(Fault.resetting());
        fleet().gateway("dev", "dev-gw-2").setFault(Fault.garbageBody());
        Response r = asViewer().when().get("/api/v1/fleet/server_info?clusters=dev").then().statusCode(200)
                .header("X-Fleet-Partial", "true").extract().response();
        JsonPath json = JsonPath.from(r.asString());
        assertThat(json.getInt("items.find { it.gateway == 'dev-gw-1' }.error.status")).isEqualTo(502);
        assertThat(json.getString("items.find { it.gateway == 'dev-gw-1' }.error.type"))
                .endsWith("/upstream-unreachable");
        assertThat(json.getInt("items.find { it.gateway == 'dev-gw-2' }.error.status")).isEqualTo(502);
        assertThat(json.getString("items.find { it.gateway == 'dev-gw-2' }.error.detail")).contains("malformed");
        assertThat(json.getString("items.find { it.gateway == 'dev-gw-2' }.error.hint")).isNotBlank();
    }

    @Test
    void aGarbageAnswerIsAProblemInWordsNotParserInternalsOrRawBytes() {
        fleet().gateway("prod", "prod-gw-1").setFault(Fault.garbageBody());
        for (String endpoint : List.of("server_info", "ready", "clusters", "memory")) {
            Response r = asViewer().when().get("/api/v1/fleet/" + endpoint + "?clusters=prod").then().statusCode(200)
                    .extract().response();
            String detail = r.jsonPath().getString("items.find { it.gateway == 'prod-gw-1' }.error.detail");
            assertThat(detail).as(endpoint).contains("malformed answer: /" + endpoint + ": ")
                    .doesNotContain("Source:", "StreamReadFeature", "REDACTED")
                    .doesNotContainPattern("\\p{Cntrl}|\uFFFD");
            if (!endpoint.equals("ready")) {
                // random bytes may start with a line break: the position is in words, wherever it is
                assertThat(detail).as(endpoint).containsPattern("not valid JSON at line \\d+, column \\d+");
            }
        }
    }

    @Test
    void notReadyIsDataNotAnError() {
        fleet().gateway("test", "test-gw-2").setState(ServerState.DRAINING);
        asViewer().when().get("/api/v1/fleet/ready?clusters=test").then().statusCode(200)
                .header("X-Fleet-Partial", nullValue())
                .body("items.find { it.gateway == 'test-gw-2' }.data.state", equalTo("DRAINING"))
                .body("items.find { it.gateway == 'test-gw-2' }.data.ready", equalTo(false));
    }

    @Test
    void serverInfoCarriesEnvoysAnswer() {
        asViewer().when().get("/api/v1/fleet/server_info?clusters=prod").then().statusCode(200)
                .body("summary.total", equalTo(2))
                .body("items.data.state", org.hamcrest.Matchers.everyItem(equalTo("LIVE")))
                .body("items[0].data.version", org.hamcrest.Matchers.containsString("/RELEASE/"));
    }

    @Test
    void targetingByNamesAndSelector() {
        asViewer().when().get("/api/v1/fleet/ready?selector=env=prod").then().statusCode(200)
                .body("summary.total", equalTo(2)).body("items.cluster", org.hamcrest.Matchers.everyItem(equalTo("prod")));
        asViewer().when().get("/api/v1/fleet/ready?selector=env in (dev,test)").then().statusCode(200)
                .body("summary.total", equalTo(4));
        asViewer().when().get("/api/v1/fleet/ready?clusters=dev,prod&selector=env!=dev").then().statusCode(200)
                .body("summary.total", equalTo(2)).body("items.cluster", org.hamcrest.Matchers.everyItem(equalTo("prod")));
    }

    @Test
    void badTargetingIsRefusedBeforeAnyCall() {
        long before = fleet().gateways().stream().mapToLong(g -> g.requestCount("/ready")).sum();
        asViewer().when().get("/api/v1/fleet/ready?selector=env in (dev").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("selector"));
        asViewer().when().get("/api/v1/fleet/ready?clusters=staging").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("staging"));
        asViewer().when().get("/api/v1/fleet/ready?selector=env=qa").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("selector"));
        asViewer().when().get("/api/v1/fleet/ready?clusters=../etc").then().statusCode(400)
                .body("errors[0].field", equalTo("clusters"));
        asViewer().when().get("/api/v1/fleet/ready?partial=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("partial"));
        long after = fleet().gateways().stream().mapToLong(g -> g.requestCount("/ready")).sum();
        assertThat(after).isEqualTo(before);
    }
}
