package io.higress.fleet.upstream.envoy;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamException;
import io.higress.fleet.upstream.UpstreamGuard;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Envoy admin calls of one gateway, through its guard. Transport: Vert.x's non-blocking HTTP client, to the direct
 * URL or to a local port-forward. Answers are read as a stream and capped at {@code fleet.envoy.max-answer-size};
 * the caller says which statuses are data (for /ready a 503 carries the state) and every other one fails.
 */
@ApplicationScoped
public class EnvoyAdmin {

    public static final IntPredicate OK = s -> s >= 200 && s < 300;

    private final UpstreamGuards guards;
    private final PortForwards portForwards;
    private final HttpClient http;
    private final long maxAnswer;
    private final Map<String, AdminAddress> addresses = new ConcurrentHashMap<>();
    /** One context per event loop (Vert.x assigns them round-robin); a gateway's buffered calls keep to one. */
    private final io.vertx.core.Context[] loops;
    private static final int MAX_ADDRESSES = 10_000;

    public EnvoyAdmin(UpstreamGuards guards, PortForwards portForwards, Vertx vertx, FleetConfig config) {
        this.guards = guards;
        this.portForwards = portForwards;
        this.maxAnswer = config.envoy().maxAnswerSize();
        io.vertx.core.impl.VertxInternal core = (io.vertx.core.impl.VertxInternal) vertx.getDelegate();
        int count = 0;
        for (io.netty.util.concurrent.EventExecutor ignored : core.getEventLoopGroup()) {
            count++;
        }
        this.loops = new io.vertx.core.Context[Math.max(1, count)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = core.createEventLoopContext();
        }
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(4)
                .setKeepAlive(true)
                .setConnectTimeout(2_000)
                // bodies arrive in pieces of this size: Netty's 8 KiB default made a 2 MB dump 250 trips through the
                // streaming pipeline (read-ahead, redactor, response write) instead of ~32
                .setMaxChunkSize(64 * 1024)
                .setTryUseCompression(false));
    }

    /**
     * GETs an admin endpoint and parses the answer inside the guard, so an unparseable answer counts as the
     * upstream's failure (502, retried when idempotent) like any other.
     */
    public <T> Uni<T> get(Cluster cluster, Gateway gateway, String path, Map<String, String> query,
            CallOptions options, IntPredicate accept, Function<AdminAnswer, T> parser) {
        return call(HttpMethod.GET, cluster, gateway, path, query, options, accept, parser);
    }

    public <T> Uni<T> post(Cluster cluster, Gateway gateway, String path, Map<String, String> query,
            Function<AdminAnswer, T> parser) {
        return call(HttpMethod.POST, cluster, gateway, path, query, CallOptions.WRITE, OK, parser);
    }

    /**
     * GETs an admin endpoint whose body is too big to buffer (config_dump): the guard covers connecting and the
     * response headers — breaker, bulkhead, timeout and retries apply to them, and a status outside {@code accept}
     * fails inside the guard like any other call. The bulkhead slot is released when the headers arrive; the body
     * then arrives paused and flows only as fast as the subscriber requests it. A body that stalls for longer than
     * the call's deadline fails the {@link AdminStream#body()} (Vert.x idle timeout).
     */
    public Uni<AdminStream> stream(Cluster cluster, Gateway gateway, String path, Map<String, String> query,
            CallOptions options, IntPredicate accept) {
        UpstreamGuard guard = guards.guardFor(UpstreamRef.envoyAdmin(cluster.name(), gateway.name()));
        long deadline = guard.deadline(options).toMillis();
        return guards.call(guard, options, () -> address(cluster, gateway)
                .flatMap(address -> open(address, uri(address, path, query), deadline, accept))
                .onFailure(e -> !(e instanceof UpstreamException u && u.failure() == UpstreamException.Failure.STATUS))
                .invoke(e -> discardForward(cluster, gateway)));
    }

    private Uni<AdminStream> open(AdminAddress address, String uri, long timeoutMs, IntPredicate accept) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setSsl(address.ssl())
                .setHost(address.host()).setPort(address.port()).setURI(uri).setIdleTimeout(timeoutMs);
        return http.request(request)
                .flatMap(req -> req.send().onCancellation().invoke(() -> req.reset()))
                .flatMap(resp -> {
                    if (!accept.test(resp.statusCode())) {
                        return readCapped(resp).map(body -> {
                            throw UpstreamException.status(resp.statusCode(), firstLine(body.toString()));
                        });
                    }
                    resp.pause();
                    return Uni.createFrom().item(new AdminStream(resp.statusCode(), resp.getHeader("content-type"),
                            resp.toMulti()));
                });
    }

    private void discardForward(Cluster cluster, Gateway gateway) {
        if (!cluster.directAdmin()) {
            portForwards.discard(cluster, gateway);
        }
    }

    private <T> Uni<T> call(HttpMethod method, Cluster cluster, Gateway gateway, String path,
            Map<String, String> query, CallOptions options, IntPredicate accept, Function<AdminAnswer, T> parser) {
        UpstreamGuard guard = guards.guardFor(UpstreamRef.envoyAdmin(cluster.name(), gateway.name()));
        long deadline = guard.deadline(options).toMillis();
        if (gateway.adminUrl() != null) { // direct: no address to wait for, no forward to discard
            return guards.call(guard, options, () -> {
                AdminAddress address = directAddress(gateway.adminUrl());
                return send(method, address, uri(address, path, query), deadline, accept, parser);
            });
        }
        return guards.call(guard, options, () -> portForwards.address(cluster, gateway)
                .flatMap(address -> send(method, address, uri(address, path, query), deadline, accept, parser))
                .onFailure(e -> !(e instanceof UpstreamException u && u.failure() == UpstreamException.Failure.STATUS))
                .invoke(e -> discardForward(cluster, gateway)));
    }

    /** Parsed once per admin URL: a fan-out calls the same gateways again and again. */
    private AdminAddress directAddress(String url) {
        AdminAddress address = addresses.get(url);
        if (address == null) {
            if (addresses.size() >= MAX_ADDRESSES) { // pod IPs come and go: keep the memo bounded
                addresses.clear();
            }
            address = addresses.computeIfAbsent(url, AdminAddress::of);
        }
        return address;
    }

    private static <T> T parse(AdminAnswer answer, Function<AdminAnswer, T> parser) {
        try {
            return parser.apply(answer);
        } catch (UpstreamException e) {
            throw e;
        } catch (RuntimeException e) {
            throw UpstreamException.malformed(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
        }
    }

    private Uni<AdminAddress> address(Cluster cluster, Gateway gateway) {
        if (gateway.adminUrl() != null) {
            return Uni.createFrom().item(directAddress(gateway.adminUrl()));
        }
        return portForwards.address(cluster, gateway);
    }

    private static String uri(AdminAddress address, String path, Map<String, String> query) {
        QueryStringEncoder encoder = new QueryStringEncoder(address.basePath() + path);
        // A null value is written as a bare flag, as Envoy's include_eds expects.
        query.forEach(encoder::addParam);
        return encoder.toString();
    }

    /**
     * One request and its whole (capped) answer, parsed, as a single emitter on Vert.x's core client: the per-call
     * path of every fan-out, where a chain of Mutiny operators (request, send, body stream, collect, map) cost more
     * than the HTTP exchange itself. A cancelled call resets the request. Each gateway's exchanges run on one event
     * loop of its own ({@link #loops}), where its connections live: a fan-out then uses every core, where calls made
     * from the request's context put all of its gateways' I/O and parsing on that one loop.
     */
    private <T> Uni<T> send(HttpMethod method, AdminAddress address, String uri, long timeoutMs,
            IntPredicate accept, Function<AdminAnswer, T> parser) {
        RequestOptions request = new RequestOptions().setMethod(method).setSsl(address.ssl())
                .setHost(address.host()).setPort(address.port()).setURI(uri).setIdleTimeout(timeoutMs);
        io.vertx.core.Context loop = loops[Math.floorMod(address.port() * 31 + address.host().hashCode(), loops.length)];
        return Uni.createFrom().emitter(emitter -> new Exchange<>(emitter, accept, parser).start(request, loop));
    }

    private final class Exchange<T> {
        private final UniEmitter<? super T> emitter;
        private final IntPredicate accept;
        private final Function<AdminAnswer, T> parser;
        private final io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer();
        private io.vertx.core.http.HttpClientRequest req;
        private boolean settled;

        Exchange(UniEmitter<? super T> emitter, IntPredicate accept, Function<AdminAnswer, T> parser) {
            this.emitter = emitter;
            this.accept = accept;
            this.parser = parser;
        }

        void start(RequestOptions request, io.vertx.core.Context loop) {
            emitter.onTermination(this::cancelled);
            loop.runOnContext(v -> http.getDelegate().request(request).onComplete(opened -> {
                if (opened.failed()) {
                    fail(opened.cause());
                    return;
                }
                synchronized (this) {
                    req = opened.result();
                    if (settled) { // cancelled while connecting
                        req.reset();
                        return;
                    }
                }
                req.send().onComplete(sent -> {
                    if (sent.failed()) {
                        fail(sent.cause());
                    } else {
                        read(sent.result());
                    }
                });
            }));
        }

        private void read(io.vertx.core.http.HttpClientResponse resp) {
            resp.exceptionHandler(this::fail);
            resp.handler(chunk -> {
                if (body.length() + chunk.length() > maxAnswer) {
                    fail(UpstreamException.malformed("answer larger than " + maxAnswer + " bytes", null));
                    req.reset();
                } else {
                    body.appendBuffer(chunk);
                }
            });
            resp.endHandler(end -> {
                if (!accept.test(resp.statusCode())) {
                    fail(UpstreamException.status(resp.statusCode(), firstLine(body.toString())));
                    return;
                }
                T parsed;
                try {
                    parsed = parse(new AdminAnswer(resp.statusCode(), resp.getHeader("content-type"),
                            Buffer.newInstance(body)), parser);
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
                if (settle()) {
                    emitter.complete(parsed);
                }
            });
        }

        private synchronized boolean settle() {
            boolean first = !settled;
            settled = true;
            return first;
        }

        private void fail(Throwable error) {
            if (settle()) {
                emitter.fail(error);
            }
        }

        /** Runs on every termination: only one that comes before the answer (a cancellation) resets. */
        private void cancelled() {
            io.vertx.core.http.HttpClientRequest r;
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
                r = req;
            }
            if (r != null) {
                r.reset();
            }
        }
    }

    private Uni<Buffer> readCapped(HttpClientResponse resp) {
        Buffer body = Buffer.buffer();
        return resp.toMulti()
                .onItem().invoke(chunk -> {
                    if (body.length() + chunk.length() > maxAnswer) {
                        throw UpstreamException.malformed("answer larger than " + maxAnswer + " bytes", null);
                    }
                    body.appendBuffer(chunk);
                })
                .collect().last()
                .replaceWith(body);
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String line = nl >= 0 ? t.substring(0, nl) : t;
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }
}
