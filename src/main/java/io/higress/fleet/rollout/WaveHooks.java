package io.higress.fleet.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Calls the webhook gates: POSTs the wave's context as JSON, on Vert.x's client (nothing blocks). 2xx passes; any
 * other status, a connection error or no answer within the hook's timeout fails, and the outcome says which.
 */
final class WaveHooks {

    /** What a hook is told: the rollout, the wave, its clusters and the objects by kind and name (no content). */
    @RegisterForReflection
    record Context(String rolloutId, HookPhase phase, int wave, int waveCount, String waveName,
            List<String> clusters, List<ObjectKey> objects, String strategy, String createdBy) {
    }

    private final HttpClient http;
    private final Clock clock;

    WaveHooks(io.vertx.core.Vertx vertx, Clock clock) {
        this.http = Vertx.newInstance(vertx).createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(4)
                .setKeepAlive(false)
                .setConnectTimeout(5_000));
        this.clock = clock;
    }

    static Context context(RolloutDocument d, HookPhase phase) {
        List<String> clusters = d.waves.get(d.currentWave).stream().map(c -> c.name).toList();
        return new Context(d.id, phase, d.currentWave + 1, d.waves.size(), d.spec.waveName(d.currentWave),
                clusters, d.spec.keys(), d.spec.strategy(), d.createdBy);
    }

    /** Never fails: the outcome says what the hook answered. */
    Uni<HookOutcome> call(WebhookSpec hook, String field, Context context) {
        String body;
        try {
            body = RolloutJson.MAPPER.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long timeoutMs = hook.timeoutDuration().toMillis();
        String what = context.phase().words() + " webhook " + field + " (" + hook.shownUrl() + ")";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(hook.url())
                .setIdleTimeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "higress-fleet-rollouts");
        if (hook.headers() != null) {
            for (Map.Entry<String, String> h : hook.headers().entrySet()) {
                options.putHeader(h.getKey(), h.getValue());
            }
        }
        return Uni.createFrom().deferred(() -> http.request(options))
                .flatMap(req -> req.send(Buffer.buffer(body)).onCancellation().invoke(req::reset))
                // the body is read (and dropped) so the exchange ends cleanly; the status decides
                .flatMap(resp -> resp.toMulti().onItem().ignoreAsUni().replaceWith(resp.statusCode()))
                .ifNoItem().after(java.time.Duration.ofMillis(timeoutMs)).failWith(TimeoutException::new)
                .map(status -> status >= 200 && status < 300
                        ? outcome(context, field, hook, true, status, what + " answered " + status)
                        : outcome(context, field, hook, false, status, what + " answered " + status
                                + ", not 2xx"))
                .onFailure().recoverWithItem(e -> outcome(context, field, hook, false, null, what
                        + (e instanceof TimeoutException
                                ? " did not answer within " + RolloutWindows.human(hook.timeoutDuration())
                                : " could not be called: " + e.getMessage())));
    }

    private HookOutcome outcome(Context c, String field, WebhookSpec hook, boolean passed, Integer status,
            String reason) {
        return new HookOutcome(c.wave(), c.phase(), field, hook.shownUrl(), passed, status, reason, clock.instant());
    }

    void close() {
        http.closeAndForget();
    }
}
