package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimControlServerTest {

    private static SimulatedFleet fleet;
    private static SimControlServer control;

    @BeforeAll
    static void start() {
        fleet = SimulatedFleet.builder().clusters("dev", "prod").gatewaysPerCluster(1)
                .withoutKubernetes("dev", "prod").start();
        control = SimControlServer.start(fleet, 0);
    }

    @AfterAll
    static void stop() {
        control.close();
        fleet.stop();
    }

    @Test
    void listsEveryGatewayWithItsRequestCounts() {
        AdminClient.get(fleet.gateway("prod", "prod-gw-1").adminUrl() + "/ready");
        JsonNode list = AdminClient.json(control.url() + "/sim/gateways");
        assertThat(list).extracting(g -> g.get("cluster").asText() + "/" + g.get("gateway").asText())
                .containsExactly("dev/dev-gw-1", "prod/prod-gw-1");
        assertThat(list.get(1).at("/requests/~1ready").asLong()).isPositive();
        assertThat(list.get(1).get("adminUrl").asText()).isEqualTo(fleet.gateway("prod", "prod-gw-1").adminUrl());
    }

    @Test
    void setsAndClearsAFault() {
        SimulatedGateway gw = fleet.gateway("dev", "dev-gw-1");
        HttpResponse<String> set = send("PUT", "/sim/gateways/dev/dev-gw-1/fault", "{\"path\":\"/ready\",\"status\":502}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(AdminClient.get(gw.adminUrl() + "/ready").statusCode()).isEqualTo(502);
        assertThat(AdminClient.get(gw.adminUrl() + "/server_info").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/sim/gateways/dev/dev-gw-1/fault", "").statusCode()).isEqualTo(200);
        assertThat(AdminClient.get(gw.adminUrl() + "/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void changesStateVersionAndErrorRatio() {
        HttpResponse<String> changed = send("PUT", "/sim/gateways/prod/prod-gw-1/state",
                "{\"state\":\"DRAINING\",\"xdsVersion\":\"v42\",\"errorRatio\":0.25}");
        assertThat(changed.statusCode()).isEqualTo(200);
        SimulatedGateway gw = fleet.gateway("prod", "prod-gw-1");
        assertThat(AdminClient.get(gw.adminUrl() + "/ready").statusCode()).isEqualTo(503);
        assertThat(gw.xdsVersion()).isEqualTo("v42");
        assertThat(gw.errorRatio()).isEqualTo(0.25);
        gw.setState(ServerState.LIVE);
    }

    /** Rejected updates on demand: the counters Envoy keeps, named by resource, moving in /stats. */
    @Test
    void rejectsUpdatesOnDemandInTheCountersEnvoyKeeps() {
        SimulatedGateway gw = fleet.gateway("dev", "dev-gw-1");
        String ecds = "extension_config_discovery.http_filter.higress-system.ai-proxy-1.0.0.update_rejected";
        assertThat(stat(gw, ecds)).isZero();
        assertThat(stat(gw, "listener_manager.lds.update_rejected")).isZero();
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections",
                "{\"type\":\"ECDS\",\"resource\":\"higress-system.ai-proxy-1.0.0\"}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections", "{\"type\":\"LDS\"}").statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections",
                "{\"type\":\"RDS\",\"resource\":\"http.80\"}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections",
                "{\"type\":\"ECDS\",\"resource\":\"higress-system.new-plugin\",\"configFail\":true}")
                .statusCode()).isEqualTo(200);
        assertThat(stat(gw, ecds)).isEqualTo(1);
        assertThat(stat(gw, "listener_manager.lds.update_rejected")).isEqualTo(1);
        assertThat(stat(gw, "http.outbound_0.0.0.0_80.rds.http.80.update_rejected")).isEqualTo(1);
        assertThat(stat(gw, "extension_config_discovery.http_filter.higress-system.new-plugin.config_fail"))
                .isEqualTo(1);
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections", "{\"type\":\"RDS\"}").statusCode())
                .as("RDS names its route configuration").isEqualTo(400);
        assertThat(send("POST", "/sim/gateways/dev/dev-gw-1/rejections", "{\"type\":\"XDS\"}").statusCode())
                .isEqualTo(400);
        gw.resetChangeStats();
        assertThat(stat(gw, ecds)).isZero();
    }

    /** A virtual host's traffic: its vhost stats, its 5xx, counted in listener 80, its latency in the histogram. */
    @Test
    void servesOneHostsTrafficThatMovesWithItsKnobs() {
        SimulatedGateway gw = fleet.gateway("prod", "prod-gw-1");
        assertThat(send("PUT", "/sim/gateways/prod/prod-gw-1/hosts/shop.example.com",
                "{\"requestsPerSecond\":1000,\"errorRatio\":1,\"latencyMs\":300,"
                        + "\"upstreamCluster\":\"outbound|8080||shop.default.svc.cluster.local\"}").statusCode())
                .isEqualTo(200);
        String vhost = "vhost.shop.example.com_80.vcluster.other.";
        long listenerBefore = stat(gw, "http.outbound_0.0.0.0_80.downstream_rq_5xx");
        long first = Poll.until(() -> stat(gw, vhost + "upstream_rq_5xx"), n -> n > 0);
        long later = Poll.until(() -> stat(gw, vhost + "upstream_rq_5xx"), n -> n > first);
        assertThat(stat(gw, vhost + "upstream_rq_total")).isGreaterThanOrEqualTo(later);
        assertThat(stat(gw, "cluster.outbound|8080||shop.default.svc.cluster.local.upstream_rq_5xx")).isPositive();
        assertThat(stat(gw, "http.outbound_0.0.0.0_80.downstream_rq_5xx")).isGreaterThan(listenerBefore);
        String prometheus = AdminClient.get(gw.adminUrl() + "/stats/prometheus").body();
        assertThat(prometheus).contains("envoy_vhost_vcluster_upstream_rq_time_bucket{envoy_virtual_cluster=\"other\","
                + "envoy_virtual_host=\"shop.example.com_80\",le=\"250\"} 0");
        assertThat(send("PUT", "/sim/gateways/prod/prod-gw-1/hosts/shop.example.com", "{\"errorRatio\":2}")
                .statusCode()).isEqualTo(400);
        gw.resetChangeStats();
    }

    private static long stat(SimulatedGateway gw, String name) {
        for (JsonNode s : AdminClient.json(gw.adminUrl() + "/stats?format=json").path("stats")) {
            if (s.path("name").asText().equals(name)) {
                return s.path("value").asLong();
            }
        }
        return 0;
    }

    @Test
    void rejectsUnknownGatewaysAndBadBodies() {
        assertThat(send("PUT", "/sim/gateways/dev/nope/fault", "{}").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/sim/gateways/dev/dev-gw-1/fault", "{\"status\":42}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/sim/gateways/dev/dev-gw-1/state", "{\"errorRatio\":3}").statusCode()).isEqualTo(400);
        assertThat(fleet.gateway("dev", "dev-gw-1").fault().isNone()).isTrue();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return AdminClient.send(HttpRequest.newBuilder(URI.create(control.url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
