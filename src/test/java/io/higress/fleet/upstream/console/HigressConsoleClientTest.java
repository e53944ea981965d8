package io.higress.fleet.upstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.sim.console.RecordedRequest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the console simulator: shapes, quirks, authentication, paging. */
class HigressConsoleClientTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String PASSWORD = "s3cret-pw";

    ConsoleHarness h;

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    static <T> T await(Uni<T> u) {
        return u.await().atMost(WAIT);
    }

    static Problem problem(Uni<?> u) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> await(u)).isInstanceOf(ProblemException.class).satisfies(t -> caught[0] = t);
        return ((ProblemException) caught[0]).problem();
    }

    static ObjectNode route(String name) {
        ObjectNode r = ConsoleJson.MAPPER.createObjectNode().put("name", name);
        r.putArray("domains").add("example.com");
        r.putObject("path").put("matchType", "PRE").put("matchValue", "/api").put("caseSensitive", true);
        r.putArray("services").addObject().put("name", "svc.dns").put("port", 80).put("weight", 100);
        return r;
    }

    static ObjectNode plugin(String name) {
        return ConsoleJson.MAPPER.createObjectNode().put("name", name).put("title", name).put("category", "custom")
                .put("imageRepository", "oci://registry.example.com/" + name).put("imageVersion", "1.0.0");
    }

    @Test
    void readsTheEnvelopeAndTheRawCreateAndUpdateBodiesAndTheEmptyDelete() {
        h = new ConsoleHarness(PASSWORD, 100);
        JsonNode created = await(h.client.post(h.cluster, "/v1/routes", route("r1")));
        assertThat(created.path("name").asText()).isEqualTo("r1");
        assertThat(created.path("version").asText()).isNotEmpty();

        JsonNode read = await(h.client.get(h.cluster, "/v1/routes/r1"));
        assertThat(read.path("version")).isEqualTo(created.path("version"));
        assertThat(read.has("success")).isFalse();

        JsonNode updated = await(h.client.put(h.cluster, "/v1/routes/r1", ((ObjectNode) read).put("priority", 1)));
        assertThat(updated.path("version").asText()).isNotEqualTo(created.path("version").asText());

        await(h.client.delete(h.cluster, "/v1/routes/r1"));
        assertThat(h.console.route("r1")).isNull();
        assertThat(h.console.requests()).allSatisfy(r -> assertThat(r.auth()).isEqualTo(RecordedRequest.BASIC));
    }

    @Test
    void anEmpty404IsNotFoundAndFindAnswersEmpty() {
        h = new ConsoleHarness(PASSWORD, 100);
        Problem p = problem(h.client.get(h.cluster, "/v1/routes/nope"));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.type()).endsWith("/not-found");
        assertThat(p.upstream().status()).isEqualTo(404);
        assertThat(p.cluster()).isEqualTo(h.cluster);
        assertThat(await(h.client.find(h.cluster, "/v1/routes/nope"))).isEmpty();
    }

    @Test
    void theConsoles502NotFoundIsA404ThatIsNeitherRetriedNorABreakerFailure() {
        h = new ConsoleHarness(PASSWORD, 100);
        // the console's only 502 "not found": a PUT of a custom plugin it does not have
        Problem p = problem(h.client.put(h.cluster, "/v1/wasm-plugins/nope", plugin("nope")));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.upstream().status()).isEqualTo(502);
        assertThat(p.upstream().reason()).contains("\"nope\" is found").doesNotContain("NotFoundException");
        assertThat(await(h.client.find(h.cluster, "/v1/wasm-plugins/no-such-plugin"))).isEmpty();
        assertThat(h.console.requests().stream().filter(r -> r.path().contains("no-such-plugin"))).hasSize(1);

        // a full breaker window of not-founds (50 calls, failure ratio 0.5) leaves the breaker closed
        for (int i = 0; i < 60; i++) {
            assertThat(problem(h.client.put(h.cluster, "/v1/wasm-plugins/nope-" + i, plugin("nope-" + i)))
                    .status()).isEqualTo(404);
        }
        assertThat(h.guards.guardFor(UpstreamRef.console(h.cluster)).breakerState())
                .isEqualTo(io.higress.fleet.upstream.BreakerState.CLOSED);
        assertThat(h.console.requests().stream().filter(r -> r.path().startsWith("/v1/wasm-plugins/nope-")))
                .hasSize(60);
    }

    @Test
    void a502WithoutTheConsolesErrorBodyStaysAnUpstreamFailureAndReadsAreRetried() {
        h = new ConsoleHarness(PASSWORD, 100);
        h.console.answerNext(502, "<html>Bad Gateway</html>");
        JsonNode info = await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        assertThat(info.path("builtIn").asBoolean()).isTrue();
        assertThat(h.console.requests().stream().filter(r -> r.path().equals("/v1/wasm-plugins/ai-proxy"))).hasSize(2);

        h.console.answerNext(502, "<html>Bad Gateway</html>");
        Problem p = problem(h.client.post(h.cluster, "/v1/routes", route("x")));
        assertThat(p.status()).isEqualTo(502);
        assertThat(p.type()).endsWith("/upstream-error");
    }

    @Test
    void deletingADomainThatRoutesStillUseIsAConflictWithAHint() {
        h = new ConsoleHarness(PASSWORD, 100);
        h.console.seedDomain("example.com");
        h.console.seedRoute(route("r1"));
        Problem p = problem(h.client.delete(h.cluster, "/v1/domains/example.com"));
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.upstream().status()).isEqualTo(500);
        assertThat(p.hint()).contains("routes still use this domain");

        h.console.answerNext(500, "{\"success\":false,\"message\":\"java.lang.NullPointerException: boom\"}");
        Problem other = problem(h.client.post(h.cluster, "/v1/routes", route("x")));
        assertThat(other.status()).isEqualTo(502);
        assertThat(other.upstream().status()).isEqualTo(500);
    }

    @Test
    void aStaleVersionIsA409WithTheReReadHintAndAnExistingNameA409WithTheUpdateHint() {
        h = new ConsoleHarness(PASSWORD, 100);
        ObjectNode created = (ObjectNode) await(h.client.post(h.cluster, "/v1/routes", route("r1")));
        await(h.client.put(h.cluster, "/v1/routes/r1", created.deepCopy()));
        Problem stale = problem(h.client.put(h.cluster, "/v1/routes/r1", created));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.upstream().status()).isEqualTo(409);
        assertThat(stale.hint()).contains("re-read");

        Problem exists = problem(h.client.post(h.cluster, "/v1/routes", route("r1")));
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.hint()).contains("update it, or delete it first");
    }

    @Test
    void a400CarriesTheConsolesMessage() {
        h = new ConsoleHarness(PASSWORD, 100);
        ObjectNode noServices = route("r1");
        noServices.remove("services");
        Problem p = problem(h.client.post(h.cluster, "/v1/routes", noServices));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.detail()).contains("services cannot be empty").doesNotContain("ValidationException");
    }

    @Test
    void listsEveryPageWithOneBasedPageNumbers() {
        h = new ConsoleHarness(PASSWORD, 3);
        for (int i = 1; i <= 7; i++) {
            h.console.seedRoute(route("r" + i));
        }
        List<JsonNode> all = await(h.client.list(h.cluster, "/v1/routes"));
        assertThat(all).extracting(r -> r.path("name").asText())
                .containsExactly("default", "r1", "r2", "r3", "r4", "r5", "r6", "r7"); // "default": the console's own
        assertThat(h.console.requests()).extracting(RecordedRequest::path).containsExactly(
                "/v1/routes?pageNum=1&pageSize=3", "/v1/routes?pageNum=2&pageSize=3", "/v1/routes?pageNum=3&pageSize=3");
    }

    @Test
    void aWrongPasswordIsA502UpstreamUnauthorizedAfterOneLoginAndNeverShowsThePassword() {
        h = new ConsoleHarness("the-real-one", "wrong-password", 100);
        Problem p = problem(h.client.get(h.cluster, "/v1/routes/r1"));
        assertThat(p.status()).isEqualTo(502);
        assertThat(p.type()).endsWith("/upstream-unauthorized");
        assertThat(p.upstream().status()).isEqualTo(401);
        assertThat(p.hint()).contains("password-file");
        assertThat(p.toString()).doesNotContain("wrong-password").doesNotContain("the-real-one");
        assertThat(h.console.logins()).isEqualTo(1);
        assertThat(h.console.requests()).hasSize(2);
    }

    @Test
    void anExpiredSessionIsReauthenticatedExactlyOnce() {
        h = new ConsoleHarness("pass:word", 100);
        await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        assertThat(h.console.logins()).isEqualTo(1);
        h.console.rotateSessionKey();
        h.console.clearRequests();

        await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        assertThat(h.console.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.auth()).containsExactly(
                "GET /v1/wasm-plugins/ai-proxy cookie", "POST /session/login none",
                "GET /v1/wasm-plugins/ai-proxy cookie");
    }

    @Test
    void theConsolesStatelessSessionSurvivesARestartOfTheConsole() {
        h = new ConsoleHarness("pass:word", 100);
        await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        h.console.restart();
        h.console.clearRequests();
        await(h.client.get(h.cluster, "/v1/wasm-plugins/key-auth"));
        assertThat(h.console.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.auth())
                .containsExactly("GET /v1/wasm-plugins/key-auth cookie");
    }

    @Test
    void aPutOfAMissingRouteIsA404NotTheConsoles500() {
        h = new ConsoleHarness(PASSWORD, 100);
        Problem p = problem(h.client.put(h.cluster, "/v1/routes/gone", route("gone")));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.upstream().status()).isEqualTo(500);
        assertThat(p.hint()).contains("deleted since it was read");
        h.console.answerNext(500, "{\"success\":false,\"message\":\"java.lang.IllegalStateException: boom\"}");
        assertThat(problem(h.client.put(h.cluster, "/v1/routes/other", route("other"))).status()).isEqualTo(502);
    }

    @Test
    void aPasswordWithAColonFailsBasicSoItGoesStraightToTheSessionLogin() {
        h = new ConsoleHarness("pass:word", 100);
        // The console itself refuses such a password over Basic...
        String pair = java.util.Base64.getEncoder().encodeToString("admin:pass:word".getBytes());
        int basic = h.vertx.createHttpClient()
                .request(new io.vertx.core.http.RequestOptions().setAbsoluteURI(h.console.url() + "/v1/routes")
                        .putHeader("Authorization", "Basic " + pair))
                .flatMap(r -> r.send()).map(r -> r.statusCode()).await().atMost(WAIT);
        assertThat(basic).isEqualTo(401);
        h.console.clearRequests();
        // ...so the client never tries it.
        await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        assertThat(h.console.requests()).extracting(RecordedRequest::auth).doesNotContain(RecordedRequest.BASIC);
        assertThat(h.console.requests().get(0).path()).isEqualTo("/session/login");
        assertThat(h.console.requests().get(0).body()).contains("\"autoLogin\":true");
    }

    @Test
    void anOldConsoleThatRefusesBasicIsDetectedOnceAndThenCalledWithTheCookie() {
        h = new ConsoleHarness(PASSWORD, 100);
        h.console.oldConsole(true);
        await(h.client.get(h.cluster, "/v1/wasm-plugins/ai-proxy"));
        await(h.client.get(h.cluster, "/v1/wasm-plugins/key-auth"));
        assertThat(h.console.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.auth()).containsExactly(
                "GET /v1/wasm-plugins/ai-proxy basic", "POST /session/login none",
                "GET /v1/wasm-plugins/ai-proxy cookie", "GET /v1/wasm-plugins/key-auth cookie");
    }

    @Test
    void statusHasReachabilityAndVersionAndNeverFails() throws Exception {
        h = new ConsoleHarness(PASSWORD, 100);
        h.console.version("2.1.9");
        ConsoleStatus up = await(h.client.status(h.cluster));
        assertThat(up).isEqualTo(new ConsoleStatus(h.console.url(), true, "2.1.9", null));

        h.console.close();
        ConsoleStatus down = await(h.client.status(h.cluster));
        assertThat(down.reachable()).isFalse();
        assertThat(down.version()).isNull();
        assertThat(down.error()).contains("unreachable");

        assertThat(await(h.client.status("no-such-cluster")).error()).contains("has no console");
    }

    @Test
    void aDeadConsoleIsReportedUnreachableWithoutWaitingForTheTimeout() {
        h = new ConsoleHarness(PASSWORD, 100);
        h.console.unreachable(true);
        long start = System.nanoTime();
        ConsoleStatus status = await(h.client.status(h.cluster));
        assertThat(status.reachable()).isFalse();
        assertThat(status.error()).isNotBlank();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
    }
}
