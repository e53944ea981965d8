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
 * The simulator answers as the real console does (reference higress.md, "Observed on a running console"), so that
 * the facade's console tests test what production will see. Plain HTTP, no facade.
 */
class ConsoleSimulatorTest {
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

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() throws Exception {
            return ConsoleSimulator.JSON.readTree(body);
        }
    }

    Answer call(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header(auth.startsWith("Basic") ? "Authorization" : "Cookie", auth);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    Answer call(String method, String path, String body) throws Exception {
        return call(method, path, body, BASIC);
    }

    @Test
    void loginIs201WithTheRawUserAndAStatelessCookieThatOutlivesARestart() throws Exception {
        Answer login = call("POST", "/session/login", "{\"username\":\"admin\",\"password\":\"pw\",\"autoLogin\":true}",
                null);
        assertThat(login.status()).isEqualTo(201);
        assertThat(login.json().path("name").asText()).isEqualTo("admin");
        assertThat(login.json().has("password")).isTrue();
        assertThat(login.json().path("password").isNull()).isTrue();
        assertThat(login.json().has("success")).as("not enveloped").isFalse();
        String setCookie = login.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("_hi_sess=").contains("Max-Age=2592000").contains("HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        console.restart();
        assertThat(call("GET", "/v1/routes", null, cookie).status()).as("valid across restarts").isEqualTo(200);
        console.rotateSessionKey();
        assertThat(call("GET", "/v1/routes", null, cookie).status()).isEqualTo(401);

        Answer wrong = call("POST", "/session/login", "{\"username\":\"admin\",\"password\":\"nope\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("message").asText()).endsWith("AuthException: Incorrect username or password");
    }

    @Test
    void unauthenticatedCallsAre401LoginRequiredAndInfoAndHealthAreRaw() throws Exception {
        Answer none = call("GET", "/v1/routes", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("message").asText())
                .isEqualTo("com.alibaba.higress.console.controller.exception.AuthException: Login required.");
        assertThat(call("GET", "/healthz/ready", null, null).body()).isEqualTo("ok");
        JsonNode info = call("GET", "/system/info", null).json();
        assertThat(info.path("version").asText()).isEqualTo("2.2.4");
        assertThat(info.path("capabilities").isArray()).isTrue();
        assertThat(info.has("success")).isFalse();
    }

    @Test
    void routesFollowTheConsole() throws Exception {
        String route = "{\"name\":\"r1\",\"domains\":[],\"path\":{\"matchType\":\"PRE\",\"matchValue\":\"/\"},"
                + "\"services\":[{\"name\":\"svc.dns\",\"port\":80,\"weight\":100}]}";
        assertThat(call("GET", "/v1/routes/default", null).json().path("data").path("services").get(0)
                .path("name").asText()).as("the landing route").isEqualTo("higress-console.higress-system.svc.cluster.local");
        Answer created = call("POST", "/v1/routes", route);
        assertThat(created.status()).isEqualTo(201);
        String v1 = created.json().path("version").asText();
        Answer exists = call("POST", "/v1/routes", route);
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.json().path("message").asText())
                .isEqualTo("com.alibaba.higress.sdk.exception.ResourceConflictException: null");

        Answer noVersion = call("PUT", "/v1/routes/r1", route.replace("\"domains\":[]", "\"domains\":[\"a.com\"]"));
        assertThat(noVersion.status()).as("PUT without version accepted").isEqualTo(200);
        Answer stale = call("PUT", "/v1/routes/r1", route.replace("{\"name\"", "{\"version\":\"" + v1 + "\",\"name\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("message").asText()).isEqualTo(exists.json().path("message").asText());
        assertThat(call("GET", "/v1/routes/r1", null).json().path("data").has("methods")).as("replaced whole")
                .isFalse();

        Answer missing = call("PUT", "/v1/routes/ghost", route.replace("r1", "ghost"));
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.json().path("message").asText()).startsWith("io.kubernetes.client.openapi.ApiException: Not Found");
        assertThat(call("DELETE", "/v1/routes/ghost", null).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/routes/ghost", null).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/routes/ghost", null).body()).isEmpty();
        assertThat(call("POST", "/v1/routes", "{\"name\":\"r2\",\"path\":{\"matchType\":\"PRE\",\"matchValue\":\"/\"}}")
                .json().path("message").asText()).endsWith("services cannot be empty.");
        JsonNode list = call("GET", "/v1/routes", null).json();
        assertThat(list.path("pageNum").isNull()).isTrue();
        assertThat(list.path("total").asInt()).isEqualTo(2);
    }

    @Test
    void serviceSourcesAreValidatedAsTheSdkDoes() throws Exception {
        Answer noGroups = call("POST", "/v1/service-sources", "{\"name\":\"n1\",\"type\":\"nacos2\","
                + "\"domain\":\"nacos.example.com\",\"port\":8848,\"properties\":{\"nacosNamespaceId\":\"prod\"}}");
        assertThat(noGroups.status()).isEqualTo(400);
        assertThat(noGroups.json().path("message").asText())
                .endsWith("Nacos service source requires at least one group in nacosGroups.");
        Answer noDc = call("POST", "/v1/service-sources", "{\"name\":\"c1\",\"type\":\"consul\","
                + "\"domain\":\"consul.example.com\",\"port\":8500,\"properties\":{\"consulServiceTag\":\"x\"}}");
        assertThat(noDc.json().path("message").asText()).endsWith("requires consulDatacenter configuration.");
        String nacos = "{\"name\":\"n1\",\"type\":\"nacos2\",\"domain\":\"nacos.example.com\",\"port\":8848,"
                + "\"properties\":{\"nacosGroups\":[\"DEFAULT_GROUP\"]}}";
        Answer created = call("POST", "/v1/service-sources", nacos);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("version").isNull()).isTrue();
        assertThat(call("POST", "/v1/service-sources", nacos).status()).isEqualTo(409);
        Answer put = call("PUT", "/v1/service-sources/n2", nacos.replace("{\"name\":\"n1\"", "{\"version\":\"7\""));
        assertThat(put.status()).as("a PUT of a missing source creates it").isEqualTo(200);
        assertThat(put.json().path("version").asText()).as("echoes the version sent").isEqualTo("7");
        assertThat(call("GET", "/v1/service-sources/n2", null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/service-sources/nope", null).status()).isEqualTo(204);
    }

    @Test
    void pluginsAreTheConsoles52BuiltInsAndCustomOnesNeedACategoryAndTitle() throws Exception {
        JsonNode all = call("GET", "/v1/wasm-plugins", null).json();
        assertThat(all.path("total").asInt()).isEqualTo(52);
        JsonNode aiProxy = call("GET", "/v1/wasm-plugins/ai-proxy", null).json().path("data");
        assertThat(aiProxy.path("builtIn").asBoolean()).isTrue();
        assertThat(aiProxy.path("version").isNull()).isTrue();
        assertThat(aiProxy.path("pluginVersion").asText()).isEqualTo("2.0.1");
        assertThat(aiProxy.path("priority").asInt()).isEqualTo(100);
        assertThat(aiProxy.path("category").asText()).isEqualTo("ai");

        String custom = "{\"name\":\"mine\",\"imageRepository\":\"oci://r.example.com/mine\",\"imageVersion\":\"1\"}";
        assertThat(call("POST", "/v1/wasm-plugins", custom).json().path("message").asText())
                .endsWith("title cannot be blank.");
        assertThat(call("POST", "/v1/wasm-plugins", custom.replace("{", "{\"title\":\"Mine\","))
                .json().path("message").asText()).endsWith("category cannot be blank.");
        assertThat(call("POST", "/v1/wasm-plugins", custom.replace("{", "{\"title\":\"Mine\",\"category\":\"custom\","))
                .status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/wasm-plugins/ghost", custom.replace("mine", "ghost")
                .replace("{", "{\"title\":\"G\",\"category\":\"custom\",")).status()).isEqualTo(502);
        assertThat(call("DELETE", "/v1/wasm-plugins/ghost", null).status()).isEqualTo(204);
    }

    @Test
    void instancesOfUnknownPluginsReadAsDefaultsAndCannotBeWritten() throws Exception {
        JsonNode unknown = call("GET", "/v1/global/plugin-instances/no-such", null).json().path("data");
        assertThat(unknown.path("enabled").asBoolean(true)).isFalse();
        assertThat(unknown.path("version").isNull()).isTrue();
        Answer put = call("PUT", "/v1/global/plugin-instances/no-such", "{\"enabled\":true,\"configurations\":{}}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().path("message").asText()).endsWith("Unsupported plugin: no-such");
        assertThat(call("DELETE", "/v1/global/plugin-instances/no-such", null).status()).isEqualTo(204);

        assertThat(call("GET", "/v1/global/plugin-instances/key-auth", null).json().path("data").path("version")
                .isNull()).as("the internal key-auth instance is not shown").isTrue();
        Answer configured = call("PUT", "/v1/global/plugin-instances/ai-proxy",
                "{\"enabled\":true,\"configurations\":{\"a\":1}}");
        assertThat(configured.status()).isEqualTo(200);
        assertThat(configured.json().path("version").asText()).isNotEmpty();
        assertThat(configured.json().path("pluginVersion").asText()).isEqualTo("2.0.1");
        assertThat(configured.json().path("rawConfigurations").asText()).contains("a: 1");
    }

    @Test
    void scopedInstancesNeedAnExistingTargetAndAnswerTheirScope() throws Exception {
        Answer unknownRoute = call("PUT", "/v1/routes/nope/plugin-instances/key-auth", "{\"enabled\":true}");
        assertThat(unknownRoute.status()).isEqualTo(400);
        assertThat(unknownRoute.json().path("message").asText()).endsWith("Unknown route: nope");
        assertThat(call("GET", "/v1/domains/nope.com/plugin-instances/key-auth", null).status()).isEqualTo(400);
        assertThat(call("DELETE", "/v1/routes/nope/plugin-instances/key-auth", null).status()).isEqualTo(204);

        JsonNode missing = call("GET", "/v1/routes/default/plugin-instances/key-auth", null).json().path("data");
        assertThat(missing.path("version").isNull()).isTrue();
        assertThat(missing.path("scope").asText()).isEqualTo("ROUTE");
        assertThat(missing.path("targets").path("ROUTE").asText()).isEqualTo("default");
        assertThat(call("PUT", "/v1/routes/default/plugin-instances/no-such", "{}").json().path("message").asText())
                .endsWith("Unsupported plugin: no-such");
        assertThat(call("PUT", "/v1/routes/default/plugin-instances/key-auth", "{\"pluginName\":\"basic-auth\"}")
                .status()).isEqualTo(400);

        Answer put = call("PUT", "/v1/routes/default/plugin-instances/key-auth",
                "{\"enabled\":true,\"configurations\":{\"allow\":[\"c1\"]}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("version").asText()).isNotEmpty();
        assertThat(put.json().path("target").asText()).isEqualTo("default");
        assertThat(put.json().path("pluginVersion").asText()).isEqualTo("2.0.0");
        assertThat(put.json().path("rawConfigurations").asText()).contains("c1");
        JsonNode listed = call("GET", "/v1/routes/default/plugin-instances", null).json();
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertThat(listed.path("data").get(0).path("pluginName").asText()).isEqualTo("key-auth");
        assertThat(call("GET", "/v1/global/plugin-instances", null).json().path("total").asInt())
                .as("the route's instance is not global, the internal key-auth not shown").isZero();
        assertThat(call("DELETE", "/v1/routes/default/plugin-instances/key-auth", null).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/routes/default/plugin-instances", null).json().path("total").asInt()).isZero();
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

        // a PUT without values keeps the stored ones as parseCredential reads them (the Bearer prefix gone)
        Answer updated = call("PUT", "/v1/consumers/bob", """
                {"credentials": [{"type": "key-auth", "source": "QUERY", "key": "apikey"}]}""");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(console.consumerEntry("bob").toString()).isEqualTo("{\"name\":\"bob\",\"in_header\":false,"
                + "\"in_query\":true,\"keys\":[\"apikey\"],\"credentials\":[\"t1\"]}");
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

    /** ServicesController and WasmPluginInstancesController's validateServiceName: a service target must be listed. */
    @Test
    void servicesAreListedPerPortOutsideTheProtectedNamespacesAndOnlyThoseTakeInstances() throws Exception {
        console.seedService("b.default.svc.cluster.local", "default", 8080);
        console.seedService("b.default.svc.cluster.local", "default", 80);
        console.seedService("a.apps.svc.cluster.local", "apps", 80);
        console.seedService("x.dns", "mcp", null);
        console.seedService("hidden.higress-system.svc.cluster.local", "higress-system", 80);
        JsonNode list = call("GET", "/v1/services", null).json();
        assertThat(list.path("total").asInt()).isEqualTo(4);
        assertThat(list.path("data").findValuesAsText("name")).containsExactly("a.apps.svc.cluster.local",
                "b.default.svc.cluster.local", "b.default.svc.cluster.local", "x.dns");
        assertThat(list.path("data").get(1).path("port").asInt()).isEqualTo(80);
        assertThat(list.path("data").get(3).path("port").isNull()).isTrue();

        String instance = "{\"enabled\":true,\"configurations\":{\"allow\":[\"c1\"]}}";
        assertThat(call("PUT", "/v1/services/x.dns/plugin-instances/key-auth", instance).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/services/x.dns/plugin-instances", null).json().path("data").get(0)
                .path("pluginName").asText()).isEqualTo("key-auth");
        for (String unknown : new String[] {"nope.dns", "hidden.higress-system.svc.cluster.local"}) {
            Answer put = call("PUT", "/v1/services/" + unknown + "/plugin-instances/key-auth", instance);
            assertThat(put.status()).as(unknown).isEqualTo(400);
            assertThat(put.json().path("message").asText()).endsWith("Unknown service: " + unknown);
            assertThat(call("GET", "/v1/services/" + unknown + "/plugin-instances", null).status()).isEqualTo(400);
        }
        assertThat(call("DELETE", "/v1/services/nope.dns/plugin-instances/key-auth", null).status()).isEqualTo(204);
    }
}
