package io.higress.fleet.notifications;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/** A simulated dev cluster and two webhooks: a signed JSON receiver and a Slack-style one, on ports chosen now. */
public class NotificationsProfile implements QuarkusTestProfile {
    static final String SECRET = "notify-test-secret-0123456789";
    static final int JSON_PORT = freePort();
    static final int SLACK_PORT = freePort();

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // the tests run the drift check themselves: the scheduler must not race them
                "fleet.desired-states.drift-interval", "1h",
                "fleet.notifications.webhooks.ops.url", "http://127.0.0.1:" + JSON_PORT + "/hook",
                "fleet.notifications.webhooks.ops.secret", SECRET,
                "fleet.notifications.webhooks.chat.url", "http://127.0.0.1:" + SLACK_PORT + "/services/x",
                "fleet.notifications.webhooks.chat.format", "slack",
                "fleet.notifications.webhooks.chat.events", "write.failed",
                "fleet.notifications.min-backoff", "20ms",
                "fleet.notifications.max-backoff", "100ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFleetResource.class, Map.of("clusters", "dev",
                "gateways", "1")));
    }
}
