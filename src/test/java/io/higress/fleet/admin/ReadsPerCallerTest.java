package io.higress.fleet.admin;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One caller cannot take every fan-out: with a limit of one read per caller, the viewer's second concurrent fleet
 * read is a 429 with Retry-After while another caller is served (each gateway's second admin slot is free for it),
 * and a read whose client went away (plain or streamed) gives its place back.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"),
        @ResourceArg(name = "fleet.fanout.reads-per-caller", value = "1"),
        // the held reads must not end by themselves while the test looks at them
        @ResourceArg(name = "fleet.upstreams.envoy-admin.timeout", value = "60s")})
class ReadsPerCallerTest {

    @TestHTTPResource("/")
    URI facade;

    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void release() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        SimulatedFleetResource.fleet().gateways().forEach(SimulatedGateway::clearFault);
    }

    @Test
    void aPlainReadsCallerGetsA429AndOthersAreServed() throws Exception {
        checkTheLimit("application/json");
    }

    @Test
    void aStreamedReadWhoseClientWentAwayGivesItsPlaceBack() throws Exception {
        checkTheLimit("application/x-ndjson");
    }

    private void checkTheLimit(String accept) throws Exception {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setFault(Fault.hanging().onPath("/ready")));
        hold(accept);
        // the read is running: it holds one admin slot of each gateway
        await(() -> asViewer().when().get("/api/v1/upstreams?kind=envoy-admin").then().extract().jsonPath()
                .getList("items.inFlight", Integer.class).stream().allMatch(n -> n == 1));

        asViewer().when().get("/api/v1/fleet/server_info").then().statusCode(429)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/too-many-fleet-reads"))
                .body("status", equalTo(429));
        // another caller is not starved by the viewer
        asOperator().when().get("/api/v1/fleet/server_info").then().statusCode(200).body("summary.ok", equalTo(2));

        for (Socket s : held) {
            s.close();
        }
        held.clear();
        await(() -> asViewer().when().get("/api/v1/fleet/server_info").then().extract().statusCode() == 200);
    }

    /** A read whose client never reads the answer: it runs until the socket is closed. */
    private void hold(String accept) throws IOException {
        Socket s = new Socket(facade.getHost(), facade.getPort());
        held.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/fleet/ready HTTP/1.1\r\nHost: " + facade.getHost() + "\r\nAccept: " + accept
                + "\r\nAuthorization: Bearer " + SimulatedCredentials.VIEWER_KEY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void await(BooleanSupplier state) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (!state.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the state was not reached within 60 s").isLessThan(until);
            Thread.sleep(100);
        }
    }
}
