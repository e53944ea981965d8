package io.higress.fleet.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated {@code /v1/consumers} answers as the console's ConsumersController and KeyAuthCredentialHandler do:
 * the entry it stores in the internal key-auth instance, the answers' shapes, its 400s and 500s. Plain HTTP.
 */
class ConsoleConsumersTest {
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    Vertx vertx;
    ConsoleSimulator console;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        console = new ConsoleSimulator(vertx, "admin", "pw");
    }

    @AfterEach
    void stop() {
        console.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return ConsoleSimulator.JSON.readTree(body);
        }
    }

    Answer call(String method, String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(console.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", BASIC).build();
        HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Answer(a.statusCode(), a.body());
    }

    @Test
    void aConsumerIsAnEntryOfTheInternalKeyAuthInstance() throws Exception {
        Answer created = call("POST", "/v1/consumers", """
                {"name": "bob", "credentials": [{"type": "key-auth", "source": "BEARER", "values": ["t1"]}]}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().toString()).isEqualTo("{\"name\":\"bob\",\"credentials\":[{\"type\":\"key-auth\","
                + "\"source\":\"BEARER\",\"key\":null,\"values\":[\"t1\"]}]}");
        assertThat(console.consumerEntry("bob").toString()).isEqualTo("{\"name\":\"bob\",\"in_header\":true,"
                + "\"in_query\":false,\"keys\":[\"Authorization\"],\"credentials\":[\"Bearer t1\"]}");
        assertThat(console.internalInstance("key-auth").path("enabled").asBoolean()).isTrue();

        // a PUT without values keeps the stored ones (mergeExistedConfig)
        Answer updated = call("PUT", "/v1/consumers/bob", """
                {"credentials": [{"type": "key-auth", "source": "QUERY", "key": "apikey"}]}""");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(console.consumerEntry("bob").toString()).isEqualTo("{\"name\":\"bob\",\"in_header\":false,"
                + "\"in_query\":true,\"keys\":[\"apikey\"],\"credentials\":[\"Bearer t1\"]}");
        Answer list = call("GET", "/v1/consumers", null);
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
        assertThat(call("GET", "/v1/consumers/nobody", null).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/consumers/bob", null).json().path("data").path("name").asText())
                .isEqualTo("bob");
    }

    @Test
    void itRefusesWhatTheConsoleRefuses() throws Exception {
        assertThat(call("POST", "/v1/consumers", "{\"name\": \"x\"}").body()).contains("credentials cannot be empty.");
        assertThat(call("POST", "/v1/consumers", """
                {"name": "x", "credentials": [{"type": "key-auth", "source": "HEADER", "values": ["v"]}]}""").body())
                .contains("key cannot be blank.");
        call("POST", "/v1/consumers", """
                {"name": "a", "credentials": [{"type": "key-auth", "source": "HEADER", "key": "k", "values": ["v"]}]}""");
        Answer shared = call("POST", "/v1/consumers", """
                {"name": "b", "credentials": [{"type": "key-auth", "source": "HEADER", "key": "k", "values": ["v"]}]}""");
        assertThat(shared.status()).isEqualTo(500);
        assertThat(shared.body()).contains("Key auth credential already in use by consumer: a");
        // a credential of a type without handler: the consumer's key-auth entry goes, 201 without a body
        Answer other = call("POST", "/v1/consumers", """
                {"name": "a", "credentials": [{"type": "jwt-auth"}]}""");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.body()).isEmpty();
        assertThat(console.consumerEntry("a")).isNull();

        call("POST", "/v1/consumers", """
                {"name": "c", "credentials": [{"type": "key-auth", "source": "HEADER", "key": "k", "values": ["w"]}]}""");
        console.allowConsumers("orders", List.of("c"));
        Answer inUse = call("DELETE", "/v1/consumers/c", null);
        assertThat(inUse.status()).isEqualTo(500);
        assertThat(inUse.body()).contains("Consumer c is still in use");
        assertThat(call("DELETE", "/v1/consumers/missing", null).status()).isEqualTo(204);
    }
}
