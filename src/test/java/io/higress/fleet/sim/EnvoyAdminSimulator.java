package io.higress.fleet.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Envoy admin APIs of many simulated Higress gateways, each on its own ephemeral port of 127.0.0.1, all served by
 * one Vert.x instance. Gateways of one cluster share a topology (upstream services, listeners); each has its own
 * state, xDS version, error ratio, dump size, fault and request counters, reached through
 * {@link #gateway(String, String)}.
 */
public final class EnvoyAdminSimulator implements AutoCloseable {

    private record Running(SimulatedGateway gateway, HttpServer server) {
    }

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, GatewayTopology> topologies = new ConcurrentHashMap<>();

    public EnvoyAdminSimulator() {
        this(Vertx.vertx(), true);
    }

    /** Uses a caller's Vert.x instance, which {@link #close()} then leaves running. */
    public EnvoyAdminSimulator(Vertx vertx) {
        this(vertx, false);
    }

    private EnvoyAdminSimulator(Vertx vertx, boolean ownsVertx) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
    }

    /** Starts a gateway's admin server and waits until it listens. */
    public SimulatedGateway start(String cluster, String name) {
        String key = key(cluster, name);
        if (running.containsKey(key)) {
            throw new IllegalStateException("gateway " + key + " is already running");
        }
        AtomicReference<FaultyResponder> responder = new AtomicReference<>();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> responder.get().handle(request));
        server.listen().toCompletionStage().toCompletableFuture().join();
        SimulatedGateway gateway = new SimulatedGateway(cluster, name, server.actualPort());
        GatewayTopology topology = topologies.computeIfAbsent(cluster, GatewayTopology::of);
        responder.set(new FaultyResponder(vertx, gateway, new AdminEndpoints(vertx, gateway, topology)));
        running.put(key, new Running(gateway, server));
        return gateway;
    }

    /** The handle of a running gateway; IllegalArgumentException if there is none of that name. */
    public SimulatedGateway gateway(String cluster, String name) {
        Running r = running.get(key(cluster, name));
        if (r == null) {
            throw new IllegalArgumentException("no simulated gateway " + key(cluster, name));
        }
        return r.gateway();
    }

    public List<SimulatedGateway> gateways() {
        List<SimulatedGateway> all = new ArrayList<>();
        running.values().forEach(r -> all.add(r.gateway()));
        all.sort((a, b) -> key(a.cluster(), a.name()).compareTo(key(b.cluster(), b.name())));
        return all;
    }

    /** Stops one gateway's admin server: its port then refuses connections, like a deleted pod's. */
    public void stop(String cluster, String name) {
        Running r = running.remove(key(cluster, name));
        if (r != null) {
            r.server().close().toCompletionStage().toCompletableFuture().join();
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        for (Running r : List.copyOf(running.values())) {
            stop(r.gateway().cluster(), r.gateway().name());
        }
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static String key(String cluster, String name) {
        return cluster + "/" + name;
    }
}
