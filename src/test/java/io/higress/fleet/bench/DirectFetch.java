package io.higress.fleet.bench;

import io.higress.fleet.sim.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit of a fan-out: one path fetched from every gateway straight from its admin port by a keep-alive
 * Vert.x client of its own (one event loop per core, one connection per gateway), at most {@code concurrency} in
 * flight, as the facade's fan-out is capped. What is left between it and the facade is the facade's own work.
 */
final class DirectFetch implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setConnectTimeout(5000), new PoolOptions().setHttp1MaxSize(1).setMaxWaitQueueSize(-1));

    /** Fetches {@code path} from every gateway; the wall time in milliseconds. Fails unless all answered 200. */
    double all(List<SimulatedGateway> gateways, String path, int concurrency) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        Runnable[] fetchNext = new Runnable[1];
        fetchNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= gateways.size()) {
                return;
            }
            SimulatedGateway g = gateways.get(i);
            client.request(HttpMethod.GET, g.port(), "127.0.0.1", path)
                    .compose(req -> req.send().compose(resp -> resp.statusCode() == 200 ? resp.body()
                            : io.vertx.core.Future.failedFuture(g + " answered " + resp.statusCode())))
                    .onComplete(r -> {
                        if (r.failed()) {
                            done.completeExceptionally(r.cause());
                            return;
                        }
                        bytes.addAndGet(r.result().length());
                        if (settled.incrementAndGet() == gateways.size()) {
                            done.complete(null);
                        } else {
                            fetchNext[0].run();
                        }
                    });
        };
        for (int i = 0; i < Math.min(concurrency, gateways.size()); i++) {
            fetchNext[0].run();
        }
        done.get(60, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e6;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
