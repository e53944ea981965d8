package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;

/**
 * The HTTP remote control of a running simulated fleet, for people and scripts poking at the facade by hand
 * (docs/simulator.md):
 * <pre>
 * GET    /sim/gateways                               every gateway: admin URL, state, fault, request counts
 * PUT    /sim/gateways/{cluster}/{gateway}/fault     body: a {@link Fault} as JSON
 * DELETE /sim/gateways/{cluster}/{gateway}/fault
 * PUT    /sim/gateways/{cluster}/{gateway}/state     body: any of state, xdsVersion, errorRatio, dumpPaddingClusters
 * DELETE /sim/gateways/{cluster}/{gateway}/requests  resets the request counters
 * POST   /sim/gateways/{cluster}/{gateway}/rejections body: {"type": "LDS|CDS|RDS|ECDS", "resource": "..."}
 * PUT    /sim/gateways/{cluster}/{gateway}/hosts/{domain}  body: any of requestsPerSecond, errorRatio, latencyMs,
 *                                                    upstreamCluster (traffic of one virtual host)
 * GET    /sim/clusters                               every cluster: API server URL, its fault, request counts
 * PUT    /sim/clusters/{cluster}/kubernetes/fault    body: an {@link ApiFault} as JSON
 * DELETE /sim/clusters/{cluster}/kubernetes/fault
 * </pre>
 */
public final class SimControlServer implements AutoCloseable {

    private final SimulatedFleet fleet;
    private final HttpServer server;

    private SimControlServer(SimulatedFleet fleet, HttpServer server) {
        this.fleet = fleet;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port). */
    public static SimControlServer start(SimulatedFleet fleet, int port) {
        HttpServer http = fleet.simulator().vertx().createHttpServer(
                new HttpServerOptions().setHost("127.0.0.1").setPort(port));
        SimControlServer control = new SimControlServer(fleet, http);
        http.requestHandler(request -> request.body().onSuccess(body -> control.handle(request, body)));
        http.listen().toCompletionStage().toCompletableFuture().join();
        return control;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request, Buffer body) {
        String[] parts = request.path().split("/");
        try {
            if (request.path().equals("/sim/gateways") && request.method() == HttpMethod.GET) {
                ArrayNode list = Json.arr();
                fleet.gateways().forEach(gw -> list.add(describe(gw)));
                reply(request, 200, list);
            } else if (request.path().equals("/sim/clusters") && request.method() == HttpMethod.GET) {
                ArrayNode list = Json.arr();
                fleet.clusters().forEach(c -> list.add(describeCluster(c)));
                reply(request, 200, list);
            } else if (parts.length == 7 && parts[1].equals("sim") && parts[2].equals("gateways")
                    && parts[5].equals("hosts") && request.method() == HttpMethod.PUT) {
                changeHost(request, fleet.gateway(parts[3], parts[4]), parts[6], body);
            } else if (parts.length == 6 && parts[1].equals("sim") && parts[2].equals("gateways")) {
                change(request, fleet.gateway(parts[3], parts[4]), parts[5], body);
            } else if (parts.length == 6 && parts[1].equals("sim") && parts[2].equals("clusters")
                    && parts[4].equals("kubernetes") && parts[5].equals("fault")) {
                changeKubernetes(request, parts[3], body);
            } else {
                reply(request, 404, obj("error", "no such control endpoint: " + request.method() + " "
                        + request.path()));
            }
        } catch (IllegalArgumentException e) {
            reply(request, 404, obj("error", e.getMessage()));
        }
    }

    private static void change(HttpServerRequest request, SimulatedGateway gw, String what, Buffer body) {
        try {
            if (!apply(request.method(), gw, what, body)) {
                reply(request, 405, obj("error", request.method() + " " + what + " is not supported"));
                return;
            }
        } catch (IOException | RuntimeException e) {
            reply(request, 400, obj("error", "bad request body: " + e.getMessage()));
            return;
        }
        reply(request, 200, describe(gw));
    }

    private static void changeHost(HttpServerRequest request, SimulatedGateway gw, String domain, Buffer body) {
        try {
            JsonNode knobs = Json.MAPPER.readTree(body.getBytes());
            if (knobs == null || !knobs.isObject()) {
                throw new IOException("expected a JSON object");
            }
            HostTraffic host = gw.host(domain);
            if (knobs.has("requestsPerSecond")) {
                host.setRequestsPerSecond(knobs.get("requestsPerSecond").asDouble());
            }
            if (knobs.has("errorRatio")) {
                host.setErrorRatio(knobs.get("errorRatio").asDouble());
            }
            if (knobs.has("latencyMs")) {
                host.setLatencyMs(knobs.get("latencyMs").asDouble());
            }
            if (knobs.has("upstreamCluster")) {
                host.setUpstreamCluster(knobs.get("upstreamCluster").asText());
            }
        } catch (IOException | RuntimeException e) {
            reply(request, 400, obj("error", "bad request body: " + e.getMessage()));
            return;
        }
        reply(request, 200, describe(gw));
    }

    private void changeKubernetes(HttpServerRequest request, String cluster, Buffer body) {
        if (!fleet.clusters().contains(cluster) || !fleet.hasKubernetes(cluster)) {
            reply(request, 404, obj("error", "no simulated Kubernetes API for cluster " + cluster));
            return;
        }
        try {
            if (request.method() == HttpMethod.PUT) {
                fleet.setKubernetesFault(cluster, Json.MAPPER.readValue(body.getBytes(), ApiFault.class));
            } else if (request.method() == HttpMethod.DELETE) {
                fleet.setKubernetesFault(cluster, ApiFault.NONE);
            } else {
                reply(request, 405, obj("error", request.method() + " fault is not supported"));
                return;
            }
        } catch (IOException | RuntimeException e) {
            reply(request, 400, obj("error", "bad request body: " + e.getMessage()));
            return;
        }
        reply(request, 200, describeCluster(cluster));
    }

    private ObjectNode describeCluster(String cluster) {
        ObjectNode kubernetes = null;
        if (fleet.hasKubernetes(cluster)) {
            ApiFault fault = fleet.kubernetesFault(cluster);
            kubernetes = obj("url", fleet.kubernetesUrl(cluster),
                    "fault", fault.isNone() ? null : Json.MAPPER.valueToTree(fault),
                    "requests", fleet.kubernetesRequests(cluster), "faulted", fleet.kubernetesFaulted(cluster));
        }
        return obj("cluster", cluster, "kubernetes", kubernetes,
                "console", fleet.isConsoleManaged(cluster) ? obj("url", fleet.console(cluster).url()) : null,
                "gateways", fleet.gatewayNames(cluster));
    }

    /** Applies one change; false if there is no such change. */
    private static boolean apply(HttpMethod method, SimulatedGateway gw, String what, Buffer body)
            throws IOException {
        if (what.equals("fault") && method == HttpMethod.PUT) {
            gw.setFault(Json.MAPPER.readValue(body.getBytes(), Fault.class));
        } else if (what.equals("fault") && method == HttpMethod.DELETE) {
            gw.clearFault();
        } else if (what.equals("state") && method == HttpMethod.PUT) {
            JsonNode state = Json.MAPPER.readTree(body.getBytes());
            if (state == null || !state.isObject()) {
                throw new IOException("expected a JSON object");
            }
            applyState(gw, state);
        } else if (what.equals("rejections") && method == HttpMethod.POST) {
            JsonNode rejection = Json.MAPPER.readTree(body.getBytes());
            if (rejection == null || !rejection.hasNonNull("type")) {
                throw new IOException("expected {\"type\": \"LDS|CDS|RDS|ECDS\", \"resource\": ...}");
            }
            String resource = rejection.path("resource").asText(null);
            if (rejection.path("configFail").asBoolean(false)) {
                gw.failFilterConfig(resource);
            } else {
                gw.rejectUpdate(XdsType.valueOf(rejection.get("type").asText()), resource);
            }
        } else if (what.equals("requests") && method == HttpMethod.DELETE) {
            gw.resetRequestCounts();
        } else {
            return false;
        }
        return true;
    }

    private static void applyState(SimulatedGateway gw, JsonNode state) {
        if (state.has("state")) {
            gw.setState(ServerState.valueOf(state.get("state").asText()));
        }
        if (state.has("xdsVersion")) {
            gw.setXdsVersion(state.get("xdsVersion").asText());
        }
        if (state.has("errorRatio")) {
            gw.setErrorRatio(state.get("errorRatio").asDouble());
        }
        if (state.has("dumpPaddingClusters")) {
            gw.setDumpPaddingClusters(state.get("dumpPaddingClusters").asInt());
        }
    }

    private static ObjectNode describe(SimulatedGateway gw) {
        return obj("cluster", gw.cluster(), "gateway", gw.name(), "adminUrl", gw.adminUrl(),
                "state", gw.state().name(), "xdsVersion", gw.xdsVersion(), "errorRatio", gw.errorRatio(),
                "dumpPaddingClusters", gw.dumpPaddingClusters(),
                "rejections", Json.MAPPER.valueToTree(gw.rejections()), "hosts", hosts(gw),
                "fault", gw.fault().isNone() ? null : Json.MAPPER.valueToTree(gw.fault()),
                "requests", Json.MAPPER.valueToTree(gw.requestCounts()));
    }

    private static ObjectNode hosts(SimulatedGateway gw) {
        ObjectNode out = obj();
        gw.hosts().forEach((domain, h) -> out.set(domain, obj("requestsPerSecond", h.requestsPerSecond(),
                "errorRatio", h.errorRatio(), "latencyMs", h.latencyMs(), "upstreamCluster", h.upstreamCluster())));
        return out;
    }

    private static void reply(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Json.bytes(body));
    }
}
