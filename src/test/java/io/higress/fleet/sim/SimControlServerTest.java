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
