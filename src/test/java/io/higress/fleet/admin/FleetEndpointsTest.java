package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import io.higress.fleet.admin.prometheus.Promtool;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet endpoints other than the streams: each Envoy read's shape, the merged Prometheus exposition (checked
 * by promtool), consistency, logging, and the single-gateway passthrough with its allow-lists.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "1500ms"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.slow-timeout", value = "3s"),
        @ResourceArg(name = "fleet.upstreams.envoy-admin.breaker-window", value = "20")})
class FleetEndpointsTest {

    SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @AfterEach
    void clearFaults() {
        fleet().gateways().forEach(g -> {
            g.clearFault();
            g.setXdsVersion("2025-11-25T00:00:00Z/1");
            g.setDumpPaddingClusters(0);
        });
    }

    @Test
    void everyReadHasItsShape() {
        asViewer().when().get("/api/v1/fleet/clusters?clusters=dev").then().statusCode(200)
                .body("summary.ok", equalTo(2))
                .body("items[0].data.totals.total", greaterThan(0))
                .body("items[0].data.clusters.name", hasItem(containsString("|")));
        asViewer().when().get("/api/v1/fleet/listeners?clusters=dev").then().statusCode(200)
                .body("items[0].data.name", hasItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString())))
                .body("items[0].data[0].address", containsString(":"));
        asViewer().when().get("/api/v1/fleet/stats?clusters=dev&filter=^server\\.&type=All").then().statusCode(200)
                .body("summary.ok", equalTo(2))
                .body("items[0].data.values", org.hamcrest.Matchers.hasKey("server.live"));
        asViewer().when().get("/api/v1/fleet/certs?clusters=dev").then().statusCode(200)
                .body("items[0].data.certificates", org.hamcrest.Matchers.notNullValue());
        asViewer().when().get("/api/v1/fleet/memory?clusters=dev").then().statusCode(200)
                .body("items[0].data.allocated", org.hamcrest.Matchers.notNullValue());
        asViewer().when().get("/api/v1/fleet/ready?clusters=dev").then().statusCode(200)
                .body("items.data.state", everyItem(equalTo("LIVE")));
    }

    @Test
    void unknownEndpointsAndParametersAreNamed() {
        asViewer().when().get("/api/v1/fleet/no_such_endpoint").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("config_dump, clusters"));
        asViewer().when().get("/api/v1/fleet/clusters?format=text").then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
        asViewer().when().get("/api/v1/fleet/stats?type=Bogus").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void mergedPrometheusPassesPromtoolWithAGatewayDown() throws Exception {
        fleet().gateway("prod", "prod-gw-2").setFault(Fault.status(500).onPath("/stats/prometheus"));
        String text = asViewer().when().get("/api/v1/fleet/stats/prometheus").then().statusCode(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8").header("X-Fleet-Partial", "true")
                .extract().asString();
        assertThat(text).contains("higress_fleet_gateway_up{cluster=\"prod\",gateway=\"prod-gw-2\"} 0\n",
                "higress_fleet_gateway_up{cluster=\"dev\",gateway=\"dev-gw-1\"} 1\n",
                "envoy_server_live{cluster=\"test\",gateway=\"test-gw-1\"");
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE envoy_server_live ")).count()).isEqualTo(1);
        Promtool.Result result = Promtool.check(text);
        assertThat(result.valid()).as(result.output()).isTrue();
    }

    @Test
    void consistencyShowsTheGatewayThatDrifted() {
        fleet().gateway("test", "test-gw-2").setXdsVersion("2025-11-25T00:00:00Z/2");
        fleet().gateway("prod", "prod-gw-1").setDumpPaddingClusters(2);
        JsonPath report = asViewer().when().get("/api/v1/fleet/consistency").then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getInt("content.gateways")).isEqualTo(6);
        assertThat(report.getList("content.sections.find { it.section == 'clusters' }.outliers.gateway"))
                .containsExactly("prod-gw-1");
        assertThat(report.getList("content.sections.find { it.section == 'clusters' }.differingResources.resource",
                String.class)).isNotEmpty();
        assertThat(report.getBoolean("content.sections.find { it.section == 'listeners' }.consistent")).isTrue();
        assertThat(report.getList("versions.find { it.section == 'ClustersConfigDump' }.outliers.gateway"))
                .containsExactly("test-gw-2");
        assertThat(report.getString("versions.find { it.section == 'ClustersConfigDump' }.majorityVersion"))
                .isEqualTo("2025-11-25T00:00:00Z/1");
        // groups are shaped like the content hashes' groups: a list, the majority first
        assertThat(report.getString("versions.find { it.section == 'ClustersConfigDump' }.groups[0].version"))
                .isEqualTo("2025-11-25T00:00:00Z/1");
        assertThat(report.getList("versions.find { it.section == 'ClustersConfigDump' }.groups[1].gateways.gateway"))
                .containsExactly("test-gw-2");
        assertThat(report.getString("content.sections[0].groups[0].hash")).isNotBlank();
    }

    @Test
    void loggingIsSetOnEverySelectedGateway() {
        asOperator().when().post("/api/v1/fleet/logging?clusters=test&level=debug").then().statusCode(200)
                .body("summary.ok", equalTo(2))
                .body("items[0].data.router", equalTo("debug"));
        asOperator().when().post("/api/v1/fleet/logging?clusters=test&router=warning").then().statusCode(200)
                .body("items[0].data.router", equalTo("warning"));
        asOperator().when().post("/api/v1/fleet/logging?level=loud").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
        asOperator().when().post("/api/v1/fleet/logging?Router=debug").then().statusCode(400)
                .body("errors[0].field", equalTo("Router"));
        asViewer().when().post("/api/v1/fleet/logging?level=debug").then().statusCode(403);
    }

    @Test
    void passthroughAnswersEnvoysOwnAnswer() {
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/ready").then().statusCode(200)
                .body(equalTo("LIVE\n"));
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/stats/prometheus").then()
                .statusCode(200).contentType(containsString("text/plain"))
                .body(containsString("# TYPE envoy_server_live gauge"));
        String dump = asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/config_dump").then()
                .statusCode(200).contentType("application/json").extract().asString();
        assertThat(dump).doesNotContain("sk-sim-").contains("[redacted]");
        assertThat(asAdmin().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/config_dump").then()
                .statusCode(200).extract().asString()).contains("sk-sim-dev-dev-gw-1");
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-1/admin/config_dump?resource=nope_nope")
                .then().statusCode(404); // Envoy's own 404, passed on
    }

    @Test
    void passthroughOnlyForwardsAllowListedPaths() throws InterruptedException {
        // the unknown gateway below is looked up in dev's discovered gateways: wait until discovery has them (a cold
        // discovery on a busy machine answered its own timeout, 504, instead of the 404 this test is about)
        long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!discovered("dev-gw-2") && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(discovered("dev-gw-2")).as("dev's discovery lists dev-gw-2").isTrue();
        fleet().gateway("dev", "dev-gw-2").resetRequestCounts();
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-2/admin/help").then().statusCode(404)
                .contentType("application/problem+json");
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-2/admin/stats/../quitquitquit").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        asViewer().urlEncodingEnabled(false).when()
                .get("/api/v1/clusters/dev/gateways/dev-gw-2/admin/stats%2F..%2Fquitquitquit").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        asViewer().when().get("/api/v1/clusters/dev/gateways/dev-gw-2/admin/config_dump?x=1").then()
                .statusCode(400).body("errors[0].field", equalTo("x"));
        asViewer().when().get("/api/v1/clusters/dev/gateways/nope/admin/ready").then().statusCode(404);
        asAdmin().when().post("/api/v1/clusters/dev/gateways/dev-gw-2/admin/quitquitquit").then().statusCode(403)
                .body("hint", containsString("fleet.admin.allow-dangerous"));
        asOperator().when().post("/api/v1/clusters/dev/gateways/dev-gw-2/admin/healthcheck/fail").then()
                .statusCode(403);
        asAdmin().when().post("/api/v1/clusters/dev/gateways/dev-gw-2/admin/ready").then().statusCode(404);
        assertThat(fleet().gateway("dev", "dev-gw-2").requestCount()).isZero();
    }

    private static boolean discovered(String gateway) {
        var answer = asViewer().when().get("/api/v1/clusters/dev/gateways").then().extract();
        return answer.statusCode() == 200 && answer.jsonPath().getList("items.name").contains(gateway);
    }
}
