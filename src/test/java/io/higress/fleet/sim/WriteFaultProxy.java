package io.higress.fleet.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cluster's API server whose writes can go wrong after (or before) they are stored ({@link WriteFault}): every
 * call is passed to the fabric8 mock server behind it, unless it is the write an armed fault waits for. The mock
 * stores a write as soon as it gets it, so "answer late" and "reset after storing" leave the object in the cluster
 * while the facade sees a timeout or a lost connection — what decides whether the facade re-reads before calling
 * the write failed.
 */
public final class WriteFaultProxy implements AutoCloseable {

    private final Vertx vertx;
    private final String upstreamHost;
    private final int upstreamPort;
    private final HttpClient client;
    private final AtomicReference<WriteFault> armed = new AtomicReference<>();
    private final AtomicInteger fired = new AtomicInteger();
    private volatile boolean down;
    private HttpServer server;

    WriteFaultProxy(Vertx vertx, String upstreamHost, int upstreamPort) {
        this.vertx = vertx;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.client = vertx.createHttpClient();
    }

    WriteFaultProxy start() {
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("write-fault proxy did not start", e);
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The next matching write fails so; replaces a fault that has not fired yet. */
    public WriteFaultProxy arm(WriteFault fault) {
        armed.set(fault);
        return this;
    }

    /** No fault any more, and calls are passed again after a {@link WriteFault#thenDown()}. */
    public void clear() {
        armed.set(null);
        down = false;
    }

    /** How many faults have fired. */
    public int fired() {
        return fired.get();
    }

    private void handle(HttpServerRequest request) {
        if (down) {
            request.connection().close();
            return;
        }
        WriteFault fault = armed.get();
        boolean hit = fault != null && fault.matches(request.method().name(), request.path())
                && armed.compareAndSet(fault, null);
        if (!hit) {
            pass(request, null);
            return;
        }
        fired.incrementAndGet();
        if (!fault.stored()) {
            request.pause();
            vertx.setTimer(Math.max(1, fault.delay().toMillis()), t -> {
                down = down || fault.downAfter();
                request.connection().close();
            });
            return;
        }
        pass(request, fault);
    }

    /** To the mock; the answer piped back as it comes, or held back / cut off by {@code fault}. */
    private void pass(HttpServerRequest request, WriteFault fault) {
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstreamHost)
                .setPort(upstreamPort).setURI(request.uri()).setHeaders(request.headers());
        client.request(options).compose(upstream -> upstream.send(request)).onComplete(ar -> {
            if (ar.failed()) {
                request.response().setStatusCode(502).end();
                return;
            }
            HttpClientResponse response = ar.result();
            if (fault == null) {
                request.response().setStatusCode(response.statusCode()).headers().setAll(response.headers());
                response.pipeTo(request.response());
                return;
            }
            // stored by now: the mock answered
            response.body().onComplete(body -> {
                down = down || fault.downAfter();
                if (fault.reset() || body.failed()) {
                    request.connection().close();
                } else {
                    vertx.setTimer(Math.max(1, fault.delay().toMillis()),
                            t -> late(request, response, body.result()));
                }
            });
        });
    }

    private static void late(HttpServerRequest request, HttpClientResponse response, Buffer body) {
        var out = request.response();
        if (out.closed() || out.ended()) {
            return; // the caller gave up waiting
        }
        out.setStatusCode(response.statusCode());
        response.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("transfer-encoding") && !k.equalsIgnoreCase("content-length")) {
                out.headers().add(k, v);
            }
        });
        out.end(body);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        client.close();
    }
}
