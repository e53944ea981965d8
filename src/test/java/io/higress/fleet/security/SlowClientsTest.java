package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that sends its headers slowly (slowloris) does not keep its connection: the idle timeout closes it. */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortIdleTimeout.class)
class SlowClientsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(new SecurityTestProfile().getConfigOverrides());
            c.put("quarkus.http.idle-timeout", "1s");
            return c;
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aClientTricklingItsHeadersIsDisconnected() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health HTTP/1.1\r\nHost: localhost\r\nX-A: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // a byte now and then, slower than the idle timeout, never the blank line that ends the headers
            long closedAfter = -1;
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 20 && closedAfter < 0; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (java.io.IOException reset) {
                    closedAfter = System.nanoTime() - start;
                    break;
                }
                socket.setSoTimeout(1500);
                try {
                    if (in.read() < 0) {
                        closedAfter = System.nanoTime() - start;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: send the next byte
                } catch (java.io.IOException reset) {
                    closedAfter = System.nanoTime() - start;
                }
            }
            assertThat(closedAfter).as("the server closed the connection").isPositive();
        }
    }
}
