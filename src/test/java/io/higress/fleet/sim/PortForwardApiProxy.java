package io.higress.fleet.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster's API server as the facade sees it in port-forward mode: plain calls are passed to the fabric8 mock
 * server (which has no port-forward), and {@code pods/NAME/portforward} WebSocket upgrades are served here with the
 * Kubernetes port-forward protocol (first a port frame on the data and the error channel, then data frames
 * prefixed by channel 0), bridged over TCP to the pod's Envoy admin simulator. So the facade's real port-forward
 * transport (fabric8's LocalPortForward) is exercised end to end.
 */
final class PortForwardApiProxy implements AutoCloseable {

    private static final Pattern PORT_FORWARD =
            Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward");

    private final Vertx vertx;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Function<String, Integer> adminPortOfPod;
    private final HttpClient client;
    private final WebSocketClient webSockets;
    private final NetClient tcp;
    private final AtomicLong streams = new AtomicLong();
    private HttpServer server;

    PortForwardApiProxy(Vertx vertx, String upstreamHost, int upstreamPort, Function<String, Integer> adminPortOfPod) {
        this.vertx = vertx;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.adminPortOfPod = adminPortOfPod;
        this.client = vertx.createHttpClient();
        this.webSockets = vertx.createWebSocketClient();
        this.tcp = vertx.createNetClient();
    }

    PortForwardApiProxy start() {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setWebSocketSubProtocols(List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
                        "channel.k8s.io", "portforward.k8s.io", "v2.portforward.k8s.io"));
        try {
            server = vertx.createHttpServer(options)
                    .webSocketHandler(this::portForward)
                    .requestHandler(this::proxy)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("port-forward proxy did not start", e);
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Port-forward streams opened so far (one per TCP connection the facade made through its local forward). */
    long streamsOpened() {
        return streams.get();
    }

    private void portForward(ServerWebSocket ws) {
        Matcher m = PORT_FORWARD.matcher(ws.path());
        if (!m.matches()) {
            passThrough(ws); // a watch: fabric8 watches over a WebSocket, which the mock server serves
            return;
        }
        Integer target = adminPortOfPod.apply(m.group(2));
        String ports = ws.query() == null ? "" : ws.query().replaceAll(".*ports=(\\d+).*", "$1");
        if (target == null || ports.isEmpty()) {
            ws.close((short) 1008, "no such pod or port");
            return;
        }
        streams.incrementAndGet();
        int port = Integer.parseInt(ports);
        ws.pause();
        tcp.connect(target, "127.0.0.1").onComplete(ar -> {
            if (ar.failed()) {
                ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 1)
                        .appendString("cannot reach port " + port));
                ws.close();
                return;
            }
            var socket = ar.result();
            ws.writeBinaryMessage(portFrame(0, port));
            ws.writeBinaryMessage(portFrame(1, port));
            socket.handler(data -> ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 0).appendBuffer(data)));
            socket.closeHandler(v -> ws.close());
            ws.binaryMessageHandler(frame -> {
                if (frame.length() > 1 && frame.getByte(0) == 0) {
                    socket.write(frame.getBuffer(1, frame.length()));
                }
            });
            ws.closeHandler(v -> socket.close());
            ws.resume();
        });
    }

    /** Bridges a WebSocket that is not a port-forward to the mock server, frame for frame. */
    private void passThrough(ServerWebSocket ws) {
        ws.pause();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(upstreamHost).setPort(upstreamPort)
                .setURI(ws.uri());
        if (ws.subProtocol() != null) {
            options.addSubProtocol(ws.subProtocol());
        }
        webSockets.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                ws.close((short) 1011, "mock server refused the WebSocket");
                return;
            }
            var upstream = ar.result();
            upstream.frameHandler(ws::writeFrame);
            ws.frameHandler(upstream::writeFrame);
            upstream.closeHandler(v -> ws.close());
            ws.closeHandler(v -> upstream.close());
            ws.resume();
        });
    }

    private static Buffer portFrame(int channel, int port) {
        return Buffer.buffer().appendByte((byte) channel).appendUnsignedShortLE(port);
    }

    private void proxy(HttpServerRequest request) {
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstreamHost)
                .setPort(upstreamPort).setURI(request.uri()).setHeaders(request.headers());
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                request.response().setStatusCode(502).end();
                return;
            }
            ar.result().send(request).onComplete(resp -> {
                if (resp.failed()) {
                    request.response().setStatusCode(502).end();
                    return;
                }
                var upstream = resp.result();
                request.response().setStatusCode(upstream.statusCode()).headers().setAll(upstream.headers());
                upstream.pipeTo(request.response());
            });
        });
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        client.close();
        webSockets.close();
        tcp.close();
    }
}
