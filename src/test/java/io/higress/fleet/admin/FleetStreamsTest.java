package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed fleet reads end to end: config_dump written as it arrives (redacted, exact JSON on the wire, broken
 * dumps as error items), ND-JSON and SSE in completion order, and requests refused before the stream starts.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.slow-timeout", value = "3s"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "20")})
class FleetStreamsTest {

    /** Strict: trailing bytes after the document (an injected separator, a second document) fail the parse. */
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void clearFaults() {
        fleet().gateways().forEach(g -> {
            g.clearFault();
            g.setDumpPaddingClusters(0);
        });
    }

    static JsonNode parse(String body) throws Exception {
        return STRICT.readTree(body);
    }

    static JsonNode item(JsonNode answer, String gateway) {
        for (JsonNode i : answer.get("items")) {
            if (gateway.equals(i.path("gateway").asText())) {
                return i;
            }
        }
        throw new AssertionError("no item for " + gateway + " in " + answer);
    }

    @Test
    void viewersGetRedactedDumpsAndAdminsTheValues() throws Exception {
        String viewer = asViewer().when().get("/api/v1/fleet/config_dump?clusters=dev").then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode answer = parse(viewer);
        assertThat(answer.at("/summary/ok").asInt()).isEqualTo(2);
        assertThat(answer.get("partial").asBoolean()).isFalse();
        assertThat(item(answer, "dev-gw-1").at("/data/configs").size()).isGreaterThan(3);
        assertThat(viewer).doesNotContain("sk-sim-").contains("\"api_tokens\":[\"[redacted]\"]",
                "\"apiTokens\":[\"[redacted]\"]");

        String admin = asAdmin().when().get("/api/v1/fleet/config_dump?clusters=dev").then().statusCode(200)
                .extract().asString();
        assertThat(parse(admin).at("/summary/ok").asInt()).isEqualTo(2);
        assertThat(admin).contains("sk-sim-dev-dev-gw-1-0001", "sk-sim-dev-dev-gw-2-0003");
    }

    @Test
    void brokenDumpsBecomeErrorItemsAndTheAnswerStaysJson() throws Exception {
        fleet().gateway("test", "test-gw-1").setFault(Fault.truncated().onPath("/config_dump"));
        fleet().gateway("test", "test-gw-2").setFault(Fault.garbageBody().onPath("/config_dump"));
        String body = asViewer().when().get("/api/v1/fleet/config_dump?clusters=test,prod").then().statusCode(200)
                .extract().asString();
        JsonNode answer = parse(body);
        assertThat(answer.at("/summary/total").asInt()).isEqualTo(4);
        assertThat(answer.at("/summary/failed").asInt()).isEqualTo(2);
        assertThat(answer.get("partial").asBoolean()).isTrue();
        for (String broken : List.of("test-gw-1", "test-gw-2")) {
            JsonNode item = item(answer, broken);
            assertThat(item.get("status").asText()).isEqualTo("error");
            assertThat(item.at("/error/status").asInt()).isEqualTo(502);
            assertThat(item.at("/error/gateway").asText()).isEqualTo(broken);
        }
        assertThat(item(answer, "prod-gw-1").get("status").asText()).isEqualTo("ok");
        assertThat(body).doesNotContain("sk-sim-");
        assertThat(item(answer, "test-gw-2").at("/error/detail").asText()).contains("invalid config_dump: not valid JSON at byte 0 (expected a value, found byte 0x")
                .doesNotContain("Source:", "StreamReadFeature").doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void aBigDumpIsWrittenWhole() throws Exception {
        fleet().gateway("prod", "prod-gw-2").setDumpPaddingClusters(1000); // about 2 MB
        String body = asViewer().when().get("/api/v1/fleet/config_dump?clusters=prod").then().statusCode(200)
                .extract().asString();
        assertThat(body.length()).isGreaterThan(1_000_000);
        JsonNode answer = parse(body);
        assertThat(answer.at("/summary/ok").asInt()).isEqualTo(2);
        JsonNode clusters = null;
        for (JsonNode section : item(answer, "prod-gw-2").at("/data/configs")) {
            if (section.path("@type").asText().endsWith("ClustersConfigDump")) {
                clusters = section;
            }
        }
        assertThat(clusters.get("dynamic_active_clusters").size()).isGreaterThan(1000);
    }

    @Test
    void envoyParametersPassThrough() throws Exception {
        JsonNode answer = parse(asViewer().when()
                .get("/api/v1/fleet/config_dump?clusters=dev&resource=dynamic_active_clusters").then()
                .statusCode(200).extract().asString());
        assertThat(item(answer, "dev-gw-1").at("/data/configs/0/@type").asText()).endsWith("DynamicCluster");
    }

    @Test
    void ndjsonGivesOneItemPerLineInCompletionOrderThenTheSummary() throws Exception {
        fleet().gateway("prod", "prod-gw-1").setFault(Fault.latency(800).onPath("/config_dump"));
        String body = asViewer().accept("application/x-ndjson").when()
                .get("/api/v1/fleet/config_dump?clusters=dev,prod").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<JsonNode> lines = lines(body);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3).get("gateway").asText()).isEqualTo("prod-gw-1");
        assertThat(lines.get(4).at("/summary/total").asInt()).isEqualTo(4);
        assertThat(lines.get(4).size()).isEqualTo(1);
    }

    @Test
    void ndjsonOfSmallReadsToo() throws Exception {
        fleet().gateway("dev", "dev-gw-2").setFault(Fault.latency(800).onPath("/ready"));
        List<JsonNode> lines = lines(asViewer().accept("application/x-ndjson").when().get("/api/v1/fleet/ready")
                .then().statusCode(200).extract().asString());
        assertThat(lines).hasSize(7);
        assertThat(lines.get(5).get("gateway").asText()).isEqualTo("dev-gw-2");
        assertThat(lines.get(5).at("/data/state").asText()).isEqualTo("LIVE");
        assertThat(lines.get(6).at("/summary/ok").asInt()).isEqualTo(6);
    }

    @Test
    void sseGivesItemEventsThenASummaryEvent() throws Exception {
        String body = asViewer().accept("text/event-stream").when().get("/api/v1/fleet/server_info?clusters=test")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        String[] events = body.split("\n\n");
        assertThat(events).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(events[i]).startsWith("event: item\ndata: ");
            assertThat(parse(events[i].substring("event: item\ndata: ".length())).at("/data/state").asText())
                    .isEqualTo("LIVE");
        }
        assertThat(events[2]).startsWith("event: summary\ndata: ");
        assertThat(parse(events[2].substring("event: summary\ndata: ".length())).at("/summary/ok").asInt())
                .isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedBeforeAnyGatewayIsCalled() {
        fleet().gateways().forEach(g -> g.resetRequestCounts());
        asViewer().when().get("/api/v1/fleet/config_dump?name_regex=(unclosed").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name_regex"));
        asViewer().when().get("/api/v1/fleet/config_dump?resource=Dynamic-Clusters").then().statusCode(400)
                .body("errors[0].field", equalTo("resource"));
        asViewer().when().get("/api/v1/fleet/config_dump?mask=a..b").then().statusCode(400)
                .body("errors[0].field", equalTo("mask"));
        asViewer().when().get("/api/v1/fleet/config_dump?include_eds=yes").then().statusCode(400)
                .body("errors[0].field", equalTo("include_eds"));
        asViewer().when().get("/api/v1/fleet/config_dump?filter=x").then().statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        asViewer().when().get("/api/v1/fleet/config_dump?partial=abort").then().statusCode(400)
                .body("errors[0].field", equalTo("partial"));
        asViewer().when().get("/api/v1/fleet/config_dump?clusters=staging").then().statusCode(404);
        asViewer().accept("application/x-ndjson").when().get("/api/v1/fleet/stats?type=Bogus").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("type"));
        asViewer().accept("application/x-ndjson").when().get("/api/v1/fleet/ready?selector=env in (dev").then()
                .statusCode(400).body("errors[0].field", equalTo("selector"));
        assertThat(fleet().gateways().stream().mapToLong(g -> g.requestCount()).sum()).isZero();
    }

    static List<JsonNode> lines(String body) throws Exception {
        assertThat(body).endsWith("\n");
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Arrays.asList(body.split("\n"))) {
            nodes.add(parse(line));
        }
        return nodes;
    }
}
