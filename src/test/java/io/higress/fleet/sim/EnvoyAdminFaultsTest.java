package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvoyAdminFaultsTest {

    private static EnvoyAdminSimulator simulator;
    private static SimulatedGateway gw;
    private static String url;

    @BeforeAll
    static void start() {
        simulator = new EnvoyAdminSimulator();
        gw = simulator.start("test", "test-gw-1");
        url = gw.adminUrl();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clear() {
        gw.clearFault();
        gw.resetRequestCounts();
    }

    @Test
    void latencyDelaysTheAnswer() {
        gw.setFault(Fault.latency(300));
        long start = System.nanoTime();
        HttpResponse<String> response = AdminClient.get(url + "/ready");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(response.body()).isEqualTo("LIVE\n");
    }

    @Test
    void hangNeverAnswers() {
        gw.setFault(Fault.hanging());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/ready")).timeout(Duration.ofMillis(500))
                .build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(gw.requestCount("/ready")).isEqualTo(1);
    }

    @Test
    void resetBreaksTheConnection() throws Exception {
        gw.setFault(Fault.resetting());
        try (Socket socket = new Socket("127.0.0.1", gw.port())) {
            socket.getOutputStream().write("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThatThrownBy(() -> {
                while (in.read() != -1) {
                    // drain until the reset surfaces
                }
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void statusAnswersThatStatus() {
        gw.setFault(Fault.status(503));
        HttpResponse<String> response = AdminClient.get(url + "/server_info");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("503");
    }

    @Test
    void garbageIsNotJson() {
        gw.setFault(Fault.garbageBody());
        HttpResponse<String> response = AdminClient.get(url + "/server_info");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> AdminClient.MAPPER.readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void truncateSendsLessThanAnnounced() throws Exception {
        int full = AdminClient.get(url + "/server_info").body().length();
        gw.setFault(Fault.truncated());
        HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/server_info").toURL().openConnection();
        assertThat(connection.getContentLengthLong()).isEqualTo(full);
        byte[] received = new byte[full];
        int total = 0;
        try (InputStream in = connection.getInputStream()) {
            int n;
            while (total < full && (n = in.read(received, total, full - total)) != -1) {
                total += n;
            }
        } catch (IOException prematureEnd) {
            // some clients report the short body as an error instead of an early end: both are fine
        }
        assertThat(total).isLessThan(full).isPositive();
        assertThatThrownBy(() -> AdminClient.get(url + "/server_info")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void oversizeSendsAtLeastThatManyBytesOfValidJson() throws Exception {
        gw.setFault(Fault.oversize(3_000_000));
        HttpResponse<String> response = AdminClient.get(url + "/config_dump");
        assertThat(response.body().length()).isGreaterThanOrEqualTo(3_000_000);
        assertThat(AdminClient.MAPPER.readTree(response.body()).has("padding")).isTrue();
    }

    @Test
    void pathFilterLimitsTheFault() {
        gw.setFault(Fault.status(500).onPath("/config_dump"));
        assertThat(AdminClient.get(url + "/config_dump").statusCode()).isEqualTo(500);
        assertThat(AdminClient.get(url + "/config_dump?resource=dynamic_listeners").statusCode()).isEqualTo(500);
        assertThat(AdminClient.get(url + "/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void clearedFaultAnswersNormallyAgain() {
        gw.setFault(Fault.status(500));
        assertThat(AdminClient.get(url + "/ready").statusCode()).isEqualTo(500);
        gw.clearFault();
        assertThat(AdminClient.get(url + "/ready").statusCode()).isEqualTo(200);
        assertThat(gw.requestCount("/ready")).isEqualTo(2);
    }

    @Test
    void faultRejectsImpossibleStatus() {
        assertThatThrownBy(() -> Fault.status(42)).isInstanceOf(IllegalArgumentException.class);
    }

}
