package io.higress.fleet.rollout;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.route.RouteSpec;
import io.higress.fleet.security.ScopedTargets;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook gates and time windows, on engines of the test's own over a journal in a temporary directory (so a
 * test can set the engine's clock and drop an engine as a crash would), against the simulated fleet and a webhook
 * receiver of the test's own.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RolloutWaveGatesTest {
    static final Duration BOUND = Duration.ofSeconds(60);

    @Inject
    ClusterRegistry registry;
    @Inject
    RolloutTarget target;
    @Inject
    HealthGate gate;
    @Inject
    Vertx vertx;
    @Inject
    RolloutService service;

    @TempDir
    Path dir;

    HttpServer receiver;
    /** Every call the receiver got: its path and body. */
    final List<Map.Entry<String, JsonNode>> calls = new CopyOnWriteArrayList<>();
    /** The status the receiver answers a wave with (by its path and the body's wave number). */
    volatile java.util.function.BiFunction<String, JsonNode, Integer> answer = (path, body) -> 204;

    @BeforeEach
    void receiver() throws Exception {
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            try {
                JsonNode body = new ObjectMapper().readTree(b.toString());
                calls.add(Map.entry(req.path() + " " + req.getHeader("X-Gate-Token"), body));
                req.response().setStatusCode(answer.apply(req.path(), body)).end();
            } catch (Exception e) {
                req.response().setStatusCode(400).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        receiver.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.actualPort() + path;
    }

    RolloutEngine engine(Clock clock) {
        return new RolloutEngine(registry, target, gate, new RolloutJournal(dir), vertx,
                new RolloutSettings(Duration.ofSeconds(5), Duration.ofMillis(200)), clock);
    }

    RolloutSpec spec(String route, List<String> order, String waitTime, WebhooksSpec hooks, List<WindowSpec> windows) {
        return ScopedTargets.asFacade(() -> service.planner().plan(new RolloutRequest("canary", order, null, null,
                null, null, waitTime, null, null, null, null, null, null, hooks, windows), Map.of("routes",
                JsonNodeFactory.instance.arrayNode().add(Json.tree(new RouteSpec(route, List.of(route + ".example.com"),
                        List.of("/*"), "v2", 8080, null))))));
    }

    static RolloutView await(RolloutEngine engine, String id, Predicate<RolloutView> done) {
        return Poll.until(() -> engine.view(id), done);
    }

    @Test
    void aPreWaveHookAnswering500StopsTheWaveAndNothingOfItIsWritten() {
        answer = (path, body) -> body.path("wave").asInt() == 2 ? 500 : 204;
        RolloutEngine engine = engine(Clock.systemUTC());
        try {
            String id = engine.start(spec("hook-refused", List.of("dev", "test"), "0s", new WebhooksSpec(
                    List.of(new WebhookSpec(url("/gate"), "5s", Map.of("X-Gate-Token", "s3cret-gate-token"))), null),
                    null), "alice").await().atMost(BOUND).id();
            RolloutView done = await(engine, id, v -> v.state().terminal());

            assertThat(done.state()).isEqualTo(RolloutState.ROLLED_BACK);
            assertThat(done.reason()).contains("wave 2: pre-wave webhook webhooks.preWave[0] (" + url("/gate")
                    + ") answered 500, not 2xx; nothing of wave 2 was written").contains("rolled back dev");
            assertThat(done.waves().get(1).clusters().get(0).state()).isEqualTo(ClusterState.PENDING);
            assertThat(done.waves().get(1).clusters().get(0).startedAt()).isNull();
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("test"), "hook-refused"))
                    .as("nothing of wave 2 written").isNull();
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "hook-refused"))
                    .as("wave 1 rolled back").isNull();
            assertThat(done.webhookOutcomes()).extracting(HookOutcome::wave, HookOutcome::passed, HookOutcome::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true, 204),
                            org.assertj.core.groups.Tuple.tuple(2, false, 500));
            // the header reached the hook, but the rollout shows its name only
            assertThat(calls).extracting(Map.Entry::getKey).containsOnly("/gate s3cret-gate-token");
            assertThat(done.webhooks().preWave().get(0).headers()).containsEntry("X-Gate-Token", "[redacted]");
            // the context: the wave, its clusters, the objects by kind and name, no content
            JsonNode second = calls.get(1).getValue();
            assertThat(second.path("rolloutId").asText()).isEqualTo(id);
            assertThat(second.path("phase").asText()).isEqualTo("preWave");
            assertThat(second.path("clusters").toString()).isEqualTo("[\"test\"]");
            assertThat(second.path("wave").asInt()).isEqualTo(2);
            assertThat(second.path("waveName").asText()).as("its canaryOrder entry").isEqualTo("test");
            assertThat(second.path("objects").get(0).path("kind").asText()).isEqualTo("Ingress");
            assertThat(second.path("objects").get(0).path("name").asText()).isEqualTo("hook-refused");
            assertThat(second.toString()).doesNotContain("serviceName").doesNotContain("v2\"");
        } finally {
            engine.stop();
        }
    }

    @Test
    void aPostWaveHookThatTimesOutFailsTheWaveAndRollsItBack() {
        RolloutEngine engine = engine(Clock.systemUTC());
        try {
            // a server of its own that takes the call and never answers
            HttpServer silent = vertx.createHttpServer().requestHandler(req -> { }).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().join();
            String slow = "http://127.0.0.1:" + silent.actualPort() + "/slow";
            String id = engine.start(spec("hook-slow", List.of("dev"), "0s", new WebhooksSpec(null,
                    List.of(new WebhookSpec(slow, "300ms", null))), null), "alice").await().atMost(BOUND).id();
            RolloutView done = await(engine, id, v -> v.state().terminal());
            silent.close();
            assertThat(done.state()).isEqualTo(RolloutState.ROLLED_BACK);
            assertThat(done.reason()).contains("wave 1: post-wave webhook webhooks.postWave[0] (" + slow
                    + ") did not answer within 300ms").contains("rolled back dev");
            assertThat(done.webhookOutcomes()).singleElement().satisfies(o -> {
                assertThat(o.passed()).isFalse();
                assertThat(o.status()).isNull();
            });
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "hook-slow")).isNull();
        } finally {
            engine.stop();
        }
    }

    @Test
    void aPausedRolloutCallsTheFailedHookAgainOnResume() {
        answer = (path, body) -> 503;
        RolloutEngine engine = engine(Clock.systemUTC());
        try {
            RolloutSpec paused = ScopedTargets.asFacade(() -> service.planner().plan(new RolloutRequest("canary",
                    List.of("dev"), null, null, null, null, "0s", null, "pause", null, null, null, null,
                    new WebhooksSpec(List.of(new WebhookSpec(url("/again"), null, null)), null), null),
                    Map.of("routes", JsonNodeFactory.instance.arrayNode().add(Json.tree(new RouteSpec("hook-again",
                            List.of("hook-again.example.com"), List.of("/*"), "v2", 8080, null))))));
            String id = engine.start(paused, "alice").await().atMost(BOUND).id();
            RolloutView stopped = await(engine, id, v -> v.state() == RolloutState.PAUSED);
            assertThat(stopped.reason()).contains("answered 503, not 2xx; nothing of wave 1 was written");
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "hook-again")).isNull();

            answer = (path, body) -> 200;
            engine.resume(id).await().atMost(BOUND);
            RolloutView done = await(engine, id, v -> v.state().terminal());
            assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
            assertThat(calls).hasSize(2);
            assertThat(done.webhookOutcomes()).extracting(HookOutcome::status).containsExactly(503, 200);
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "hook-again")).isNotNull();
        } finally {
            engine.stop();
        }
    }

    @Test
    void theApiShowsTheOutcomesWithoutTheHooksCredentials() {
        answer = (path, body) -> 500;
        String id = Rollouts.start(Map.of("strategy", "selective", "clusters", List.of("dev"),
                "routes", List.of(Rollouts.route("hook-api", "v2")),
                "webhooks", Map.of("preWave", List.of(Map.of("url", url("/api-gate?token=q-s3cret"),
                        "headers", Map.of("Authorization", "Bearer h-s3cret"))))));
        var done = Rollouts.awaitState(id, "rolled-back");
        assertThat(done.getString("reason")).contains("pre-wave webhook webhooks.preWave[0] (" + url("/api-gate")
                + "?…) answered 500").contains("rolled back nothing");
        assertThat(done.getString("webhooks.preWave[0].url")).isEqualTo(url("/api-gate") + "?…");
        assertThat(done.getString("webhooks.preWave[0].headers.Authorization")).isEqualTo("[redacted]");
        assertThat(done.getInt("webhookOutcomes[0].status")).isEqualTo(500);
        assertThat(done.prettify()).doesNotContain("s3cret");
        assertThat(calls).extracting(Map.Entry::getKey).containsExactly("/api-gate null");
    }

    @Test
    void passingHooksAreCalledOncePerWaveEvenAcrossAResume() {
        RolloutEngine first = engine(Clock.systemUTC());
        RolloutSpec spec = spec("hook-resume", List.of("dev", "test", "prod"), "1s", new WebhooksSpec(
                List.of(new WebhookSpec(url("/pre"), null, null)), List.of(new WebhookSpec(url("/post"), null, null))),
                null);
        String id = first.start(spec, "alice").await().atMost(BOUND).id();
        await(first, id, v -> v.waves().get(1).clusters().get(0).state() == ClusterState.BAKING);
        Poll.until("the bake is journaled", BOUND, () -> new RolloutJournal(dir).load().get(0)
                .waves.get(1).get(0).state == ClusterState.BAKING);
        first.stop();

        RolloutEngine second = engine(Clock.systemUTC());
        try {
            second.resumeAll();
            RolloutView done = await(second, id, v -> v.state().terminal());
            assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
            assertThat(calls).extracting(c -> c.getKey().split(" ")[0] + " " + c.getValue().path("wave").asInt())
                    .containsExactly("/pre 1", "/post 1", "/pre 2", "/post 2", "/pre 3", "/post 3");
            assertThat(done.webhookOutcomes()).hasSize(6).allMatch(HookOutcome::passed);
        } finally {
            second.stop();
        }
    }

    @Test
    void aWaveInADenyWindowWaitsAndStartsWhenTheClockOpensIt() {
        SetClock clock = new SetClock(Instant.parse("2026-12-03T23:00:00Z"));
        RolloutEngine engine = engine(clock);
        try {
            String id = engine.start(spec("window-deny", List.of("dev"), "0s", null, List.of(
                    new WindowSpec("deny", "0 22 * * *", "PT10H", "Europe/Berlin"))), "alice")
                    .await().atMost(BOUND).id();
            List<RolloutEvent> events = new CopyOnWriteArrayList<>();
            engine.events(id).subscribe().with(events::add);
            RolloutView waiting = await(engine, id, v -> v.waiting() != null);
            assertThat(waiting.waiting()).isEqualTo("window: wave 1 waits, inside deny window windows[0] "
                    + "('0 22 * * *' for 10h, Europe/Berlin); it starts when the windows allow, at "
                    + "2026-12-04T07:00:00Z, 2026-12-04 08:00 Europe/Berlin");
            assertThat(waiting.state()).isEqualTo(RolloutState.RUNNING);
            assertThat(waiting.waves().get(0).clusters().get(0).state()).isEqualTo(ClusterState.PENDING);
            Poll.until("the wait is in the events", BOUND, () -> events.stream()
                    .anyMatch(e -> e.waiting() != null && e.waiting().contains("deny window windows[0]")));
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "window-deny")).isNull();

            clock.set(Instant.parse("2026-12-04T07:00:00Z"));
            RolloutView done = await(engine, id, v -> v.state().terminal());
            assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
            assertThat(done.waiting()).isNull();
            assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "window-deny")).isNotNull();
        } finally {
            engine.stop();
        }
    }

    @Test
    void badHooksAndWindowsAre400sNamingTheFieldAndNothingIsStored() {
        int before = asOperator().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath()
                .getList("items").size();
        asOperator().contentType("application/json").body(Map.of("strategy", "all",
                "routes", List.of(Rollouts.route("gates-bad-hooks", "v1")),
                "webhooks", Map.of("preWave", List.of(Map.of("url", "ftp://hooks.example.com/x")),
                        "postWave", List.of(Map.of("url", "https://hooks.example.com/y", "timeout", "soon"),
                                Map.of("timeout", "1s"))),
                "windows", List.of(Map.of("type", "sometimes", "schedule", "0 25 * * *", "timeZone", "Mars/Base"),
                        Map.of("type", "deny", "schedule", "0 22 * *", "duration", "PT0S"))))
                .post("/api/v1/rollouts").then().statusCode(400)
                .body("errors.field", hasItems("webhooks.preWave[0].url", "webhooks.postWave[0].timeout",
                        "webhooks.postWave[1].url", "windows[0].type", "windows[0].schedule", "windows[0].timeZone",
                        "windows[1].schedule", "windows[1].duration"));
        asOperator().contentType("application/json").body(Map.of("strategy", "all",
                "routes", List.of(Rollouts.route("gates-bad-hooks", "v1")),
                "webhooks", Map.of("preWave", List.of(Map.of("url", "https://h.example.com", "tls", true)))))
                .post("/api/v1/rollouts").then().statusCode(400)
                .body("errors.field", hasItems("webhooks.preWave[0].tls"));
        assertThat(asOperator().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath().getList("items"))
                .hasSize(before);
        assertThat(Rollouts.ingress(SimulatedFleetResource.fleet().client("dev"), "gates-bad-hooks")).isNull();
    }
}
