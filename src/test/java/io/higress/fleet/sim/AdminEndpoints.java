package io.higress.fleet.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Set;

/**
 * Routes one admin request of one gateway to its answer. Paths match exactly, like Envoy's; state-changing
 * handlers need POST (405 otherwise). Anything that may be slow (config dump generation, filtering) runs on a
 * worker thread so one big dump never stalls the other simulated gateways sharing the event loop.
 */
final class AdminEndpoints {

    private static final Set<String> MUTATING = Set.of("/logging", "/healthcheck/fail", "/healthcheck/ok",
            "/drain_listeners", "/quitquitquit", "/reset_counters", "/runtime_modify");

    static final String HELP = """
            admin commands are:
              /certs: print certs on machine
              /clusters: upstream cluster status
              /config_dump: dump current Envoy configs (experimental)
              /healthcheck/fail (POST): cause the server to fail health checks
              /healthcheck/ok (POST): cause the server to pass health checks
              /help: print out list of admin commands
              /hot_restart_version: print the hot restart compatibility version
              /listeners: print listener info
              /logging (POST): query/change logging levels
              /memory: print current allocation/heap usage
              /ready: print server state, return 200 if LIVE, otherwise return 503
              /runtime: print runtime values
              /server_info: print server version/status information
              /stats: print server stats
              /stats/prometheus: print server stats in prometheus format
            """;

    private final Vertx vertx;
    private final SimulatedGateway gw;
    private final GatewayTopology topology;
    private final ConfigDumpCache dumps;

    AdminEndpoints(Vertx vertx, SimulatedGateway gw, GatewayTopology topology) {
        this.vertx = vertx;
        this.gw = gw;
        this.topology = topology;
        this.dumps = new ConfigDumpCache(gw, topology);
    }

    Future<AdminResponse> answer(HttpMethod method, String path, Map<String, String> params) {
        if (MUTATING.contains(path) && method != HttpMethod.POST) {
            return done(AdminResponse.text(405, "Method " + method + " not allowed, POST required.\n"));
        }
        return switch (path) {
            case "/ready" -> done(gw.state() == ServerState.LIVE ? AdminResponse.text(200, "LIVE\n")
                    : AdminResponse.text(503, gw.state().name() + "\n"));
            case "/server_info" -> done(ServerBodies.serverInfo(gw));
            case "/config_dump" -> configDump(params);
            case "/clusters" -> done(TopologyStatus.clusters(topology, params));
            case "/listeners" -> done(TopologyStatus.listeners(topology, params));
            case "/stats" -> done(StatsFormats.answer(EnvoyStats.snapshot(gw, topology), params, false));
            case "/stats/prometheus" -> done(gw.prometheusOverride() != null
                    ? AdminResponse.text(200, gw.prometheusOverride()).withType(AdminResponse.PROMETHEUS)
                    : StatsFormats.answer(EnvoyStats.snapshot(gw, topology), params, true));
            case "/certs" -> done(ServerBodies.certs(gw));
            case "/memory" -> done(ServerBodies.memory(gw));
            case "/hot_restart_version" -> done(AdminResponse.text(200, EnvoyIdentity.HOT_RESTART_VERSION + "\n"));
            case "/runtime" -> done(AdminResponse.json(Json.bytes(Json.obj("layers", Json.arr("global", "admin"),
                    "entries", Json.obj()))));
            case "/logging" -> done(ServerBodies.logging(gw, params));
            case "/healthcheck/fail" -> done(setState(ServerState.DRAINING));
            case "/healthcheck/ok" -> done(setState(ServerState.LIVE));
            case "/help" -> done(AdminResponse.text(200, HELP));
            default -> done(AdminResponse.text(404, "invalid path. " + HELP));
        };
    }

    private Future<AdminResponse> configDump(Map<String, String> params) {
        byte[] recorded = gw.configDumpOverride();
        if (recorded != null && params.isEmpty()) {
            return done(AdminResponse.json(Buffer.buffer(recorded)));
        }
        return vertx.executeBlocking(() -> {
            ConfigDumpCache.Dump dump = dumps.get();
            boolean plain = params.keySet().stream().allMatch("include_eds"::equals);
            if (plain) {
                return AdminResponse.json(params.containsKey("include_eds") ? dump.withEds() : dump.withoutEds());
            }
            return ConfigDumpQuery.answer(dump.tree(), params);
        }, false);
    }

    /** Envoy reports a server failing health checks as DRAINING. */
    private AdminResponse setState(ServerState state) {
        gw.setState(state);
        return AdminResponse.text(200, "OK\n");
    }

    private static Future<AdminResponse> done(AdminResponse response) {
        return Future.succeededFuture(response);
    }
}
