package io.higress.fleet.admin;

import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.admin.read.FleetReadRequest;
import io.higress.fleet.admin.redact.DumpRedactors;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.discovery.GatewayDiscovery;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.envoy.AdminAnswer;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One gateway's Envoy admin, raw: Envoy's status, content type and body. Only allow-listed paths are forwarded,
 * compared whole, so nothing a caller sends can steer the upstream path. Read-only endpoints for viewers: every JSON
 * answer (config_dump, server_info, runtime, certs, memory, stats in JSON) is redacted for non-admins by the one
 * redaction service's keys, and one that is not valid JSON is a 502 for them, never passed on; the state-changing
 * POST endpoints only when {@code fleet.admin.allow-dangerous=true} (and, by the security gate, only for admins).
 */
@Path("/api/v1/clusters/{cluster}/gateways/{gateway}/admin")
@Tag(name = "gateway-admin", description = "One gateway's Envoy admin, raw")
public class GatewayAdminResource {

    public static final Set<String> READS = Set.of("config_dump", "clusters", "listeners", "server_info", "ready", "stats",
            "stats/prometheus", "certs", "memory", "runtime", "hot_restart_version");
    public static final Set<String> DANGEROUS = Set.of("healthcheck/fail", "healthcheck/ok", "drain_listeners",
            "quitquitquit", "reset_counters", "runtime_modify", "cpuprofiler", "heapprofiler");

    private final ClusterRegistry registry;
    private final GatewayDiscovery discovery;
    private final EnvoyAdmin envoy;
    private final DumpRedactors redaction;
    private final CurrentCaller caller;
    private final boolean allowDangerous;

    public GatewayAdminResource(ClusterRegistry registry, GatewayDiscovery discovery, EnvoyAdmin envoy,
            DumpRedactors redaction, CurrentCaller caller, FleetConfig config) {
        this.registry = registry;
        this.discovery = discovery;
        this.envoy = envoy;
        this.redaction = redaction;
        this.caller = caller;
        this.allowDangerous = config.admin().allowDangerous();
    }

    @GET
    @Path("/{path: .+}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A read-only Envoy admin endpoint of one gateway, raw",
            description = "path: config_dump, clusters, listeners, server_info, ready, stats, stats/prometheus, "
                    + "certs, memory, runtime, hot_restart_version. Envoy's status, content type and body; "
                    + "secrets in JSON answers are redacted for non-admins.")
    public Uni<Response> read(@PathParam("cluster") String cluster, @PathParam("gateway") String gateway,
            @PathParam("path") String path, @Context UriInfo uri) {
        checkPath(path, READS);
        Map<String, String> query = envoyQuery(path, uri);
        boolean redact = !caller.isAdmin();
        CallOptions options = path.equals("config_dump") || path.startsWith("stats") ? CallOptions.SLOW_READ
                : CallOptions.READ;
        return target(cluster, gateway).flatMap(t -> envoy.get(t.cluster(), t.gateway(), "/" + path, query, options,
                s -> true, a -> redact && isJson(a) ? redacted(a) : raw(a)));
    }

    @POST
    @Path("/{path: .+}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A state-changing Envoy admin endpoint of one gateway (admin; off by default)",
            description = "path: healthcheck/fail, healthcheck/ok, drain_listeners, quitquitquit, reset_counters, "
                    + "runtime_modify, cpuprofiler, heapprofiler. Refused with 403 unless "
                    + "fleet.admin.allow-dangerous=true.")
    public Uni<Response> change(@PathParam("cluster") String cluster, @PathParam("gateway") String gateway,
            @PathParam("path") String path, @Context UriInfo uri) {
        checkPath(path, DANGEROUS);
        if (!allowDangerous) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "POST " + path + " changes or stops the "
                    + "gateway and is disabled").withHint("set fleet.admin.allow-dangerous=true to allow it"));
        }
        FleetReadRequest.rejectUnknown(uri.getQueryParameters(), Set.of());
        return target(cluster, gateway).flatMap(t -> envoy.post(t.cluster(), t.gateway(), "/" + path, Map.of(),
                GatewayAdminResource::raw));
    }

    private static void checkPath(String path, Set<String> allowed) {
        if (allowed.contains(path)) {
            return;
        }
        if (!path.matches("[a-z_]+(/[a-z_]+)?")) {
            throw new ProblemException(Problem.invalid("path", "not an Envoy admin path; one of "
                    + new TreeSet<>(allowed)));
        }
        throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "'" + path + "' is not offered here")
                .withHint("one of " + new TreeSet<>(allowed)));
    }

    /** config_dump and stats take their Envoy parameters (checked); the other endpoints take none. */
    private static Map<String, String> envoyQuery(String path, UriInfo uri) {
        return switch (path) {
            case "config_dump", "stats" -> {
                AdminEndpoint endpoint = AdminEndpoint.of(path);
                Set<String> allowed = new TreeSet<>(endpoint.envoyParams());
                FleetReadRequest.rejectUnknown(uri.getQueryParameters(), allowed);
                yield FleetReadRequest.envoyParams(endpoint, uri.getQueryParameters());
            }
            default -> {
                FleetReadRequest.rejectUnknown(uri.getQueryParameters(), Set.of());
                yield Map.of();
            }
        };
    }

    @RegisterForReflection
    private record Target(Cluster cluster, Gateway gateway) {
    }

    private Uni<Target> target(String clusterName, String gatewayName) {
        if (!Names.isDns1123Label(clusterName)) {
            throw new ProblemException(Problem.invalid("cluster", "'" + clusterName + "' is not a cluster name"));
        }
        Cluster cluster = registry.get(clusterName);
        return discovery.gateways(cluster).map(found -> found.gateways().stream()
                .filter(g -> g.name().equals(gatewayName)).findFirst()
                .map(g -> new Target(cluster, g))
                .orElseThrow(() -> new ProblemException(found.error() != null && found.gateways().isEmpty()
                        ? found.error()
                        : Problem.of(ProblemType.NOT_FOUND, "unknown gateway '" + gatewayName + "' in cluster '"
                                + clusterName + "'").withHint("GET /api/v1/clusters/" + clusterName
                                + "/gateways lists them"))));
    }

    private static Response raw(AdminAnswer answer) {
        return Response.status(answer.status()).type(answer.contentType() == null ? MediaType.TEXT_PLAIN
                : answer.contentType()).entity(answer.body().getBytes()).build();
    }

    /** By its type, or by its first byte: a JSON body under another type is still redacted (fail closed). */
    private static boolean isJson(AdminAnswer answer) {
        String type = answer.contentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return true;
        }
        byte[] body = answer.body().getBytes();
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    private Response redacted(AdminAnswer answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.body().length());
        try {
            redaction.forCaller(false).redact(new ByteArrayInputStream(answer.body().getBytes()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(out.toByteArray()).build();
    }
}
