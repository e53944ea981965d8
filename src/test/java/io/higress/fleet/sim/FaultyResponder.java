package io.higress.fleet.sim;

import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves one gateway's admin requests: counts them, then either answers normally or acts out the gateway's
 * {@link Fault}. Never blocks the event loop: delays use timers and big bodies are written with back-pressure.
 */
final class FaultyResponder {

    private static final int CHUNK = 64 * 1024;
    private static final Buffer PADDING = Buffer.buffer("a".repeat(CHUNK));

    private final Vertx vertx;
    private final SimulatedGateway gw;
    private final AdminEndpoints endpoints;

    FaultyResponder(Vertx vertx, SimulatedGateway gw, AdminEndpoints endpoints) {
        this.vertx = vertx;
        this.gw = gw;
        this.endpoints = endpoints;
    }

    void handle(HttpServerRequest request) {
        String path = request.path();
        gw.countRequest(path);
        if (!"GET".equals(request.method().name()) && !"HEAD".equals(request.method().name())) {
            gw.countWrite();
        }
        Fault fault = gw.fault().appliesTo(path) ? gw.fault() : Fault.NONE;
        if (fault.latencyMs() > 0) {
            vertx.setTimer(fault.latencyMs(), t -> act(request, fault));
        } else {
            act(request, fault);
        }
    }

    private void act(HttpServerRequest request, Fault fault) {
        if (fault.hang()) {
            return; // the connection stays open and silent until the client gives up
        }
        if (fault.reset()) {
            reset(request.connection());
        } else if (fault.status() != 0) {
            send(request.response(), AdminResponse.text(fault.status(),
                    "simulated fault: status " + fault.status() + "\n"));
        } else if (fault.garbage()) {
            send(request.response(), new AdminResponse(200, AdminResponse.JSON, garbage()));
        } else if (fault.oversizeBytes() > 0) {
            writeOversize(request.response(), fault.oversizeBytes());
        } else {
            endpoints.answer(request.method(), request.path(), params(request)).onComplete(result -> {
                AdminResponse response = result.succeeded() ? result.result()
                        : AdminResponse.text(500, "simulator error: " + result.cause() + "\n");
                if (fault.truncate()) {
                    sendTruncated(request, response);
                } else {
                    send(request.response(), response);
                }
            });
        }
    }

    private static Map<String, String> params(HttpServerRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.params().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
        return params;
    }

    private static void send(HttpServerResponse response, AdminResponse answer) {
        response.setStatusCode(answer.status()).putHeader("content-type", answer.contentType())
                .end(answer.body());
    }

    /** Announces the full length, sends half, closes: the client sees a premature end of body. */
    private static void sendTruncated(HttpServerRequest request, AdminResponse answer) {
        int full = answer.body().length();
        HttpServerResponse response = request.response().setStatusCode(answer.status())
                .putHeader("content-type", answer.contentType())
                .putHeader("content-length", Integer.toString(full));
        response.write(answer.body().getBuffer(0, full / 2)).onComplete(v -> request.connection().close());
    }

    /**
     * Closes with SO_LINGER 0 so the kernel sends a TCP RST, like a crashed or overloaded proxy; a plain close
     * would look like an orderly (if empty) answer. Uses Vert.x's internal connection type to reach the channel.
     */
    private static void reset(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        connection.close();
    }

    private static Buffer garbage() {
        byte[] bytes = new byte[512];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = 0; // a NUL first: no JSON parser accepts it, whatever the random tail looks like
        return Buffer.buffer(bytes);
    }

    /** A syntactically valid JSON document of exactly {@code size} bytes, streamed in chunks. */
    private static void writeOversize(HttpServerResponse response, long size) {
        String head = "{\"padding\":\"";
        String tail = "\"}";
        response.setStatusCode(200).putHeader("content-type", AdminResponse.JSON)
                .putHeader("content-length", Long.toString(size));
        if (size < head.length() + tail.length()) {
            response.end("1".repeat((int) size)); // still a JSON number
            return;
        }
        response.write(head);
        writePadding(response, size - head.length() - tail.length(), tail);
    }

    private static void writePadding(HttpServerResponse response, long remaining, String tail) {
        long left = remaining;
        while (left > 0 && !response.writeQueueFull()) {
            int n = (int) Math.min(CHUNK, left);
            response.write(n == CHUNK ? PADDING : PADDING.getBuffer(0, n));
            left -= n;
        }
        if (left == 0) {
            response.end(tail);
        } else if (!response.closed()) {
            long rest = left;
            response.drainHandler(v -> writePadding(response, rest, tail));
        }
    }
}
