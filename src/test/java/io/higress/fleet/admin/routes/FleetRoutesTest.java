package io.higress.fleet.admin.routes;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.admin.Fixtures;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/fleet/routes} end to end against the simulated fleet (dev, test, prod × 2 gateways): the rows
 * of the generated and of real captured dumps, the differs flags between gateways and between clusters, the
 * filters, the three outputs, a failing gateway as an error item, and the 400s.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.slow-timeout", value = "3s"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "20")})
class FleetRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTPBIN = "outbound|8000||httpbin.default.svc.cluster.local";
    private static final String HIGRESS = "higress-hgctl-in.all.config_dump.json";

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void reset() {
        fleet().gateways().forEach(g -> {
            g.clearFault();
            g.setConfigDumpOverride(null);
            g.setXdsVersion("2025-11-25T00:00:00Z/1");
        });
    }

    static JsonNode table(String query) throws Exception {
        return JSON.readTree(asViewer().when().get("/api/v1/fleet/routes" + query).then().statusCode(200)
                .contentType("application/json").extract().asString());
    }

    @Test
    void whichGatewaysSendAHostAndPathWhereIsOneCall() throws Exception {
        JsonNode answer = table("?host=httpbin.example.com&path=/get");
        assertThat(answer.at("/summary/ok").asInt()).isEqualTo(6);
        assertThat(answer.get("partial").asBoolean()).isFalse();
        JsonNode rows = answer.get("items");
        // one virtual host per listener's route configuration
        assertThat(rows).extracting(r -> r.get("routeConfig").asText())
                .containsExactly("http.80", "https.443.https.example-com");
        for (JsonNode row : rows) {
            assertThat(row.get("match")).isEqualTo(JSON.readTree("{\"prefix\":\"/\"}"));
            assertThat(row.get("upstreams")).isEqualTo(JSON.readTree("[{\"cluster\":\"" + HTTPBIN + "\"}]"));
            assertThat(row.get("version").asText()).isEqualTo(fleet().gateway("dev", "dev-gw-1").xdsVersion());
            assertThat(row.get("domains")).isEqualTo(JSON.readTree("[\"httpbin.example.com\"]"));
            assertThat(JSON.convertValue(row.get("gateways"), Map.class)).isEqualTo(Map.of(
                    "dev", List.of("dev-gw-1", "dev-gw-2"), "prod", List.of("prod-gw-1", "prod-gw-2"),
                    "test", List.of("test-gw-1", "test-gw-2")));
            assertThat(row.has("differs")).isFalse();
        }
        // without filters: every service's virtual host on both listeners
        assertThat(table("?clusters=dev").get("items")).hasSize(10);
        assertThat(table("?host=nobody.example.org").get("items")).isEmpty();
    }

    @Test
    void aRealDumpServedByTheGatewaysGivesTheRowsItHolds() throws Exception {
        byte[] dump = Fixtures.envoyBytes("istio-echo-envoy-1.13-large.config_dump.json");
        fleet().gateway("dev", "dev-gw-1").setConfigDumpOverride(dump);
        fleet().gateway("dev", "dev-gw-2").setConfigDumpOverride(dump);
        JsonNode rows = table("?clusters=dev").get("items");
        List<RouteTableFixturesTest.Expected> expected = RouteTableFixturesTest.expected(dump);
        assertThat(rows).hasSize(expected.size());
        for (RouteTableFixturesTest.Expected e : expected) {
            assertThat(rows).filteredOn(r -> r.get("routeConfig").asText().equals(e.routeConfig())
                    && r.get("virtualHost").asText().equals(e.virtualHost()) && r.get("match").equals(e.match()))
                    .singleElement().satisfies(r -> {
                        assertThat(r.at("/upstreams/0/cluster").asText()).isEqualTo(e.upstreams().get(0).cluster());
                        assertThat(r.get("version").asText()).isEqualTo(e.version());
                    });
        }
        // the host as Envoy picks it: "a" is an exact domain of one virtual host in route config 70
        JsonNode a = table("?clusters=dev&host=a&path=/anything").get("items");
        assertThat(a).extracting(r -> r.at("/upstreams/0/cluster").asText())
                .contains("outbound|70||a.apps-1-99281.svc.cluster.local");
        assertThat(a).allSatisfy(r -> assertThat(r.get("domains").toString()).contains("\"a\""));
    }

    @Test
    void gatewaysOfAClusterThatDisagreeAreFlaggedWithWhatDiffers() throws Exception {
        byte[] dump = Fixtures.envoyBytes(HIGRESS);
        ObjectNode changed = (ObjectNode) JSON.readTree(dump);
        for (JsonNode section : changed.get("configs")) {
            for (JsonNode d : section.path("dynamic_route_configs")) {
                ((ObjectNode) d.at("/route_config/virtual_hosts/0/routes/0/route")).put("cluster", "canary-backend");
            }
        }
        fleet().gateway("prod", "prod-gw-1").setConfigDumpOverride(dump);
        fleet().gateway("prod", "prod-gw-2").setConfigDumpOverride(JSON.writeValueAsBytes(changed));

        JsonNode rows = table("?clusters=prod&host=www.example.com&path=/").get("items");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("domains")).isEqualTo(JSON.readTree("[\"*\"]"));
        assertThat(row.get("differs")).isEqualTo(JSON.readTree("[\"gateways\"]"));
        assertThat(row.get("differences")).isEqualTo(JSON.readTree(
                "[{\"between\":\"gateways\",\"cluster\":\"prod\",\"what\":[\"upstreams\"]}]"));
        assertThat(row.get("variants")).hasSize(2);
        assertThat(row.get("variants")).extracting(v -> v.at("/upstreams/0/cluster").asText() + "@"
                + v.at("/gateways/prod/0").asText()).containsExactlyInAnyOrder(
                "default-backend-rule-0-match-0-www.example.com@prod-gw-1", "canary-backend@prod-gw-2");
        // Higress matches the host with an :authority header in its * virtual host: another host is not taken
        assertThat(table("?clusters=prod&host=api.example.com").get("items")).isEmpty();
    }

    @Test
    void clustersThatDisagreeAreFlaggedAndALaggingGatewayByItsVersion() throws Exception {
        fleet().gateway("test", "test-gw-2").setXdsVersion("2025-11-25T00:00:00Z/2");
        byte[] dump = Fixtures.envoyBytes(HIGRESS);
        fleet().gateway("prod", "prod-gw-1").setConfigDumpOverride(dump);
        fleet().gateway("prod", "prod-gw-2").setConfigDumpOverride(dump);

        JsonNode row = table("?host=httpbin.example.com&path=/").get("items").get(0);
        assertThat(row.get("clusters")).isEqualTo(JSON.readTree("[\"dev\",\"test\"]"));
        assertThat(row.get("differs")).isEqualTo(JSON.readTree("[\"gateways\",\"clusters\"]"));
        assertThat(row.get("differences")).isEqualTo(JSON.readTree("[{\"between\":\"gateways\",\"cluster\":\"test\","
                + "\"what\":[\"version\"]},{\"between\":\"clusters\",\"what\":[\"presence\"]}]"));
        assertThat(row.get("variants")).filteredOn(v -> v.path("missing").asBoolean())
                .singleElement().satisfies(v -> assertThat(v.get("gateways").fieldNames()).toIterable()
                        .containsExactly("prod"));

        JsonNode www = table("?host=www.example.com").get("items");
        assertThat(www).hasSize(1);
        assertThat(www.get(0).get("clusters")).isEqualTo(JSON.readTree("[\"prod\"]"));
        assertThat(www.get(0).get("differences")).isEqualTo(JSON.readTree(
                "[{\"between\":\"clusters\",\"what\":[\"presence\"]}]"));
    }

    @Test
    void aGatewayWhoseDumpFailsIsAnErrorItemNamingIt() throws Exception {
        fleet().gateway("test", "test-gw-1").setFault(Fault.status(500).onPath("/config_dump"));
        fleet().gateway("dev", "dev-gw-2").setFault(Fault.garbageBody().onPath("/config_dump"));
        String body = asViewer().when().get("/api/v1/fleet/routes?host=httpbin.example.com").then().statusCode(200)
                .header("X-Fleet-Partial", "true").extract().asString();
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.get("summary")).isEqualTo(JSON.readTree("{\"total\":6,\"ok\":4,\"failed\":2}"));
        assertThat(answer.get("partial").asBoolean()).isTrue();
        JsonNode failed = answer.get("unavailable");
        assertThat(failed).extracting(i -> i.get("cluster").asText() + "/" + i.get("gateway").asText() + ":"
                + i.at("/error/status").asInt()).containsExactlyInAnyOrder("test/test-gw-1:502", "dev/dev-gw-2:502");
        assertThat(failed).allSatisfy(i -> assertThat(i.at("/error/cluster").asText()).isEqualTo(i.get("cluster").asText()));
        // the rows are those of the gateways that answered
        assertThat(answer.at("/items/0/gateways/dev")).hasSize(1);
        assertThat(answer.at("/items/0/gateways/test")).hasSize(1);
    }

    @Test
    void theTableAndNdjsonOutputs() throws Exception {
        String table = asViewer().accept("text/plain").when().get("/api/v1/fleet/routes?host=httpbin.example.com")
                .then().statusCode(200).contentType("text/plain").extract().asString();
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("ROUTE CONFIG").contains("VIRTUAL HOST", "MATCH", "UPSTREAMS", "VERSION",
                "GATEWAYS", "DIFFERS");
        assertThat(lines.get(1)).startsWith("http.80").contains("httpbin.example.com:80", "prefix=/", HTTPBIN,
                "dev:2,prod:2,test:2");
        assertThat(lines.get(3)).isEqualTo("# 2 rows; gateways: 6 asked, 6 answered, 0 failed");
        assertThat(asViewer().when().get("/api/v1/fleet/routes?host=httpbin.example.com&output=table").then()
                .statusCode(200).extract().asString()).isEqualTo(table);

        String ndjson = asViewer().accept("application/x-ndjson").when()
                .get("/api/v1/fleet/routes?host=httpbin.example.com").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<String> records = ndjson.lines().toList();
        assertThat(records).hasSize(3);
        JsonNode json = table("?host=httpbin.example.com");
        assertThat(JSON.readTree(records.get(0))).isEqualTo(json.at("/items/0"));
        assertThat(JSON.readTree(records.get(1))).isEqualTo(json.at("/items/1"));
        assertThat(JSON.readTree(records.get(2)).get("summary")).isEqualTo(json.get("summary"));
    }

    @Test
    void badInputIsA400NamingTheParameterBeforeAnyGatewayIsCalled() {
        fleet().gateways().forEach(g -> g.resetRequestCounts());
        asViewer().when().get("/api/v1/fleet/routes?path=v1").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("path"));
        asViewer().when().get("/api/v1/fleet/routes?host=a%20b").then().statusCode(400)
                .body("errors[0].field", equalTo("host"));
        asViewer().when().get("/api/v1/fleet/routes?output=xml").then().statusCode(400)
                .body("errors[0].field", equalTo("output"));
        asViewer().when().get("/api/v1/fleet/routes?hosts=a").then().statusCode(400)
                .body("errors[0].field", equalTo("hosts"));
        asViewer().when().get("/api/v1/fleet/routes?clusters=nowhere").then().statusCode(404);
        assertThat(fleet().gateways()).allSatisfy(g -> assertThat(g.requestCount("/config_dump")).isZero());
    }
}
