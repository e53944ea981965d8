package io.higress.fleet.notifications;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks: a write that fails in a cluster is told to a signed JSON receiver and a Slack-style one; a
 * receiver that is down gets the events again, in the order they happened, once it is back; secrets never leave.
 */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
class NotificationsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Hook ops;
    static Hook chat;

    @Inject
    Notifier notifier;

    @BeforeAll
    static void receivers() {
        ops = new Hook(NotificationsProfile.JSON_PORT);
        chat = new Hook(NotificationsProfile.SLACK_PORT);
    }

    @AfterAll
    static void close() {
        ops.close();
        chat.close();
    }

    static String route(String name) {
        return "{\"name\": \"" + name + "\", \"domain\": [\"" + name + ".example.com\"], \"paths\": [\"/\"], "
                + "\"serviceName\": \"example-service\", \"servicePort\": 8080}";
    }

    /** A route created, then created again: the second write fails (409) in dev. */
    static void failedWrite(String name) {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route(name))
                .post("/api/v1/routes").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route(name))
                .post("/api/v1/routes").then().statusCode(409);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean signed(Hook.Received r) throws Exception {
        String header = r.headers().get(Receiver.SIGNATURE);
        String t = header.replaceAll("^t=(\\d+),v1=.*$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(NotificationsProfile.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return header.equals("t=" + t + ",v1=" + expected);
    }

    @Test
    void aReceiverThatWasDownGetsTheSignedEventsInOrder() throws Exception {
        int before = ops.accepted().size();
        int tried = ops.received().size();
        ops.answer(503);
        failedWrite("notify-one");
        failedWrite("notify-two");
        // the first event is tried again and again; the second waits behind it
        Poll.until("the receiver's requests", Poll.PATIENCE, () -> ops.received().size() >= tried + 3);
        List<Hook.Received> refused = ops.received().subList(tried, ops.received().size());
        assertThat(refused).extracting(r -> r.headers().get("X-Fleet-Delivery")).containsOnly(
                refused.get(0).headers().get("X-Fleet-Delivery"));
        assertThat(json(refused.get(0).body()).path("summary").asText()).contains("notify-one");

        ops.answer(204);
        Poll.until("the receiver's requests", Poll.PATIENCE, () -> ops.accepted().size() >= before + 2);
        List<Hook.Received> got = ops.accepted().subList(before, before + 2);
        assertThat(got).extracting(r -> json(r.body()).path("summary").asText())
                .satisfiesExactly(s -> assertThat(s).contains("notify-one", "in dev"),
                        s -> assertThat(s).contains("notify-two"));
        for (Hook.Received r : got) {
            assertThat(signed(r)).as(r.headers().get(Receiver.SIGNATURE)).isTrue();
            JsonNode e = json(r.body());
            assertThat(e.path("type").asText()).isEqualTo("write.failed");
            assertThat(r.headers().get("X-Fleet-Event")).isEqualTo("write.failed");
            assertThat(e.path("id").asText()).isEqualTo(r.headers().get("X-Fleet-Delivery"));
            assertThat(e.at("/data/failed/0/cluster").asText()).isEqualTo("dev");
            assertThat(e.at("/data/failed/0/error/status").asInt()).isEqualTo(409);
            assertThat(e.at("/data/total").asInt()).isEqualTo(1);
        }
        assertThat(got.get(0).headers().get("X-Fleet-Delivery")).isEqualTo(refused.get(0).headers()
                .get("X-Fleet-Delivery"));

        // the Slack receiver: a message per failed write, unsigned by Slack's convention but signed all the same
        Poll.until("the receiver's requests", Poll.PATIENCE, () -> chat.accepted().stream()
                .anyMatch(r -> r.body().contains("notify-two")));
        JsonNode message = json(chat.accepted().stream().filter(r -> r.body().contains("notify-two")).findFirst()
                .orElseThrow().body());
        assertThat(message.path("text").asText()).startsWith("Higress Fleet: ").contains("writes failed");
        assertThat(message.has("data")).isFalse();
    }

    @Test
    void secretsNeverLeaveInAnEvent() {
        int before = ops.accepted().size();
        notifier.publish(EventType.WRITE_FAILED, "redaction check", Map.of("password", "hunter2-secret",
                "apiTokens", List.of("sk-leaked-token"), "name", "visible"));
        Poll.until("the receiver's requests", Poll.PATIENCE, () -> ops.accepted().stream().skip(before)
                .anyMatch(r -> r.body().contains("redaction check")));
        String body = ops.accepted().stream().skip(before).filter(r -> r.body().contains("redaction check"))
                .findFirst().orElseThrow().body();
        assertThat(body).doesNotContain("hunter2-secret", "sk-leaked-token").contains("visible");
        // the Slack receiver takes write.failed only, and its text is the summary alone
        assertThat(chat.received()).noneMatch(r -> r.body().contains("hunter2"));
    }
    @Test
    void aRolloutsStateChangesAreToldInOrder() {
        String id = asOperator().contentType("application/json").body("{\"strategy\": \"all\", \"routes\": ["
                + route("notify-rollout") + "]}").post("/api/v1/rollouts").then().statusCode(202).extract()
                .path("id");
        List<JsonNode> events = Poll.until(() -> ops.accepted().stream().map(r -> json(r.body()))
                .filter(e -> e.path("type").asText().equals("rollout.state-changed")
                        && e.at("/data/rollout").asText().equals(id)).toList(),
                l -> l.stream().anyMatch(e -> e.at("/data/to").asText().equals("succeeded")));
        assertThat(events).extracting(e -> e.at("/data/from").asText() + ">" + e.at("/data/to").asText())
                .containsExactly("pending>running", "running>succeeded");
        JsonNode done = events.get(1);
        assertThat(done.path("summary").asText()).isEqualTo("rollout " + id + ": running -> succeeded");
        assertThat(done.at("/data/createdBy").asText()).isEqualTo("sim-operator");
        assertThat(done.at("/data/waves/0/0/name").asText()).isEqualTo("dev");
        assertThat(done.at("/data/waves/0/0/state").asText()).isEqualTo("succeeded");
        // the Slack receiver takes write.failed only
        assertThat(chat.received()).noneMatch(r -> r.body().contains(id));
    }
    static String ingress(String name, String host) {
        return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  ingressClassName: higress\n  rules:\n  - host: " + host + "\n    http:\n      paths:\n"
                + "      - path: /\n        pathType: Prefix\n        backend:\n          service:\n"
                + "            name: svc\n            port:\n              number: 8080\n";
    }

    static List<JsonNode> events(String type, String text) {
        return ops.accepted().stream().map(r -> json(r.body()))
                .filter(e -> e.path("type").asText().equals(type) && e.toString().contains(text)).toList();
    }

    @Test
    void aDesiredStateSetsDriftAndFailedSyncAreTold() {
        var client = io.higress.fleet.sim.SimulatedFleetResource.fleet().client("dev");
        // someone else's Ingress of the same name: the sync may not take it over, so it fails there
        client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(ingress("ds-taken",
                "taken.example.com"), io.fabric8.kubernetes.api.model.networking.v1.Ingress.class))
                .inNamespace("higress-system").create();
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "namespaces",
                        List.of("higress-system"), "manifests", ingress("ds-taken", "taken.example.com")))
                .put("/api/v1/desired-states/notify-taken").then().statusCode(201);
        asOperator().post("/api/v1/desired-states/notify-taken/sync").then().statusCode(409);
        JsonNode failed = Poll.until(() -> events("desired-state.sync-failed", "notify-taken"), l -> !l.isEmpty())
                .get(0);
        assertThat(failed.at("/data/set").asText()).isEqualTo("notify-taken");
        assertThat(failed.at("/data/failed/0/name").asText()).isEqualTo("ds-taken");
        assertThat(failed.at("/data/failed/0/error/status").asInt()).isEqualTo(409);

        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "namespaces",
                        List.of("higress-system"), "manifests", ingress("ds-drift", "drift.example.com")))
                .put("/api/v1/desired-states/notify-drift").then().statusCode(201);
        asOperator().post("/api/v1/desired-states/notify-drift/sync").then().statusCode(201);
        io.higress.fleet.desiredstate.DriftChecks.runNow();
        var edited = client.network().v1().ingresses().inNamespace("higress-system").withName("ds-drift").get();
        edited.getSpec().getRules().get(0).setHost("elsewhere.example.com");
        client.resource(edited).update();
        io.higress.fleet.desiredstate.DriftChecks.runNow();
        JsonNode drifted = Poll.until(() -> events("desired-state.drifted", "notify-drift"), l -> !l.isEmpty())
                .get(0);
        assertThat(drifted.path("summary").asText()).isEqualTo("desired-state set notify-drift drifted: 1 object(s)"
                + " in dev");
        assertThat(drifted.at("/data/clusters/0/objects/0/name").asText()).isEqualTo("ds-drift");
        // the same drift found again is not told again; the event before it was the only one
        io.higress.fleet.desiredstate.DriftChecks.runNow();
        int told = ops.accepted().size();
        notifier.publish(EventType.WRITE_FAILED, "marker after the second drift check", Map.of());
        Poll.until("the marker", Poll.PATIENCE, () -> ops.accepted().size() > told);
        assertThat(events("desired-state.drifted", "notify-drift")).hasSize(1);
    }
}
