package io.higress.fleet.admin;

import io.higress.fleet.admin.consistency.ConsistencyReads;
import io.higress.fleet.admin.consistency.FleetConsistency;
import io.higress.fleet.admin.health.FleetHealth;
import io.higress.fleet.admin.health.FleetHealthCache;
import io.higress.fleet.admin.read.FleetReadRequest;
import io.higress.fleet.admin.routes.RouteTableAnswer;
import io.higress.fleet.admin.routes.RouteTableOutput;
import io.higress.fleet.admin.routes.RouteTableReads;
import io.higress.fleet.admin.stream.FleetReads;
import io.higress.fleet.fanout.FleetAnswer;
import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.fanout.PartialPolicy;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Envoy admin across the targeted gateways (contract §4). Streamed answers (config_dump, ND-JSON, SSE) are
 * written by {@code FleetStreamRoute} ahead of this resource; the operations are documented here all the same.
 */
@Path("/api/v1/fleet")
@Tag(name = "fleet", description = "Envoy admin across the fleet")
public class FleetReadsResource {

    private static final String NDJSON = "application/x-ndjson";

    private final ClusterRegistry registry;
    private final FleetReads reads;
    private final PrometheusFleetMerge prometheus;
    private final FleetHealthCache health;
    private final ConsistencyReads consistency;
    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;
    private final CurrentCaller caller;
    private final RouteTableReads routes;
    private final ObjectMapper json;
    private final Redaction redaction;

    public FleetReadsResource(ClusterRegistry registry, FleetReads reads, PrometheusFleetMerge prometheus,
            FleetHealthCache health, ConsistencyReads consistency, GatewayFanOut fanOut, EnvoyAdmin envoy,
            CurrentCaller caller, RouteTableReads routes, ObjectMapper json, Redaction redaction) {
        this.routes = routes;
        this.json = json;
        this.redaction = redaction;
        this.registry = registry;
        this.reads = reads;
        this.prometheus = prometheus;
        this.health = health;
        this.consistency = consistency;
        this.fanOut = fanOut;
        this.envoy = envoy;
        this.caller = caller;
    }

    @GET
    @Path("/{endpoint}")
    @Produces({MediaType.APPLICATION_JSON, NDJSON, MediaType.SERVER_SENT_EVENTS})
    @Operation(summary = "An Envoy admin read on every targeted gateway",
            description = "Answers {items, summary, partial} (X-Fleet-Partial: true when some gateway failed); "
                    + "Accept: application/x-ndjson gives one item per line then {\"summary\":{...}}, "
                    + "Accept: text/event-stream gives SSE events item and summary. config_dump is always "
                    + "streamed (redacted for non-admins). See docs/fleet-reads.md.")
    public Uni<Response> read(@PathParam("endpoint") String endpoint, @Context UriInfo uri, @Context HttpServerRequest request) {
        FleetReadRequest read = FleetReadRequest.parse(endpoint, uri.getQueryParameters(), registry);
        return FleetResponses.collect(reads.items(read, caller.isAdmin()), read.partial(), request);
    }

    @GET
    @Path("/stats/prometheus")
    @Produces(PrometheusFleetMerge.CONTENT_TYPE)
    @Operation(operationId = "getFleetPrometheus", summary = "One Prometheus exposition for the targeted gateways",
            description = "Every sample labelled cluster and gateway (existing ones kept as exported_*), each "
                    + "family's TYPE once, higress_fleet_gateway_up 1/0 per gateway.")
    @APIResponse(responseCode = "200", description = "Prometheus text format 0.0.4 (passes promtool check metrics)",
            headers = @Header(name = "X-Fleet-Partial", description = "true when some gateway failed (its "
                    + "higress_fleet_gateway_up is 0)", schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
            content = @Content(mediaType = PrometheusFleetMerge.CONTENT_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Parameter(name = "clusters", in = ParameterIn.QUERY, description = "cluster names, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "selector", in = ParameterIn.QUERY, description = "label selector over the clusters' labels",
            schema = @Schema(type = SchemaType.STRING))
    public Uni<Response> prometheus(@Context UriInfo uri) {
        return prometheus.merge(FleetReadRequest.targets(uri.getQueryParameters(), registry, Set.of()))
                .map(m -> {
                    Response.ResponseBuilder b = Response.ok(m.text(), PrometheusFleetMerge.CONTENT_TYPE);
                    return (m.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
                });
    }

    @GET
    @Path("/health")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getFleetHealth", summary = "Dashboard summary of the targeted gateways (cached, coalesced)",
            description = "green|yellow|red overall, per cluster and gateway: reachable, Envoy state, version, "
                    + "uptime, applied xDS versions, upstream host health, breaker state. Served from a cache "
                    + "(fleet.health.ttl, default 2s); identical requests share one fan-out.")
    @APIResponse(responseCode = "200", description = "the summary",
            content = @Content(schema = @Schema(implementation = FleetHealth.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Parameter(name = "clusters", in = ParameterIn.QUERY, description = "cluster names, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "selector", in = ParameterIn.QUERY, description = "label selector over the clusters' labels",
            schema = @Schema(type = SchemaType.STRING))
    public Uni<FleetHealth> health(@Context UriInfo uri) {
        return health.health(FleetReadRequest.targets(uri.getQueryParameters(), registry, Set.of()));
    }

    @GET
    @Path("/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getFleetConsistency", summary = "Configuration drift across the targeted gateways",
            description = "Per section (listeners, routes, clusters, secrets): content hash per gateway, groups, "
                    + "outliers against their cluster's majority, clusters differing from the fleet, resources "
                    + "that differ; and per section the applied xDS versions with their outliers.")
    @APIResponse(responseCode = "200", description = "the drift report",
            content = @Content(schema = @Schema(implementation = FleetConsistency.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Parameter(name = "clusters", in = ParameterIn.QUERY, description = "cluster names, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "selector", in = ParameterIn.QUERY, description = "label selector over the clusters' labels",
            schema = @Schema(type = SchemaType.STRING))
    public Uni<FleetConsistency> consistency(@Context UriInfo uri) {
        return consistency.consistency(FleetReadRequest.targets(uri.getQueryParameters(), registry, Set.of()));
    }

    @GET
    @Path("/routes")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, NDJSON})
    @Operation(operationId = "getFleetRoutes", summary = "The route table of the targeted gateways",
            description = "One row per route configuration + virtual host + route match, from the gateways' "
                    + "config_dump dynamic_route_configs (streamed): the clusters and gateways that have it, its "
                    + "upstream cluster(s) and weights, the xDS version; differs: gateways|clusters where they "
                    + "disagree, with differences and variants. host picks the virtual host as Envoy does (and "
                    + "honours :authority matchers), path the routes Envoy would try for it. See docs/fleet-reads.md.")
    @APIResponse(responseCode = "200", description = "the table; partial and X-Fleet-Partial: true when some "
            + "gateway's dump could not be read (its error item in unavailable)",
            headers = @Header(name = "X-Fleet-Partial", description = "true when some gateway failed",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RouteTableAnswer.class)),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
                        description = "Accept: text/plain or output=table: aligned columns ROUTE CONFIG, VIRTUAL "
                                + "HOST, MATCH, UPSTREAMS, VERSION, GATEWAYS, DIFFERS, then # lines: the counts and "
                                + "each unavailable gateway")),
                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
                        description = "Accept: application/x-ndjson or output=ndjson: one RouteRow per line, then "
                                + "{\"summary\", \"partial\", \"unavailable\"}"))})
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Parameter(name = "clusters", in = ParameterIn.QUERY, description = "cluster names, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "selector", in = ParameterIn.QUERY, description = "label selector over the clusters' labels",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "host", in = ParameterIn.QUERY, description = "a request's host (api.example.com, "
            + "api.example.com:8080): per route configuration the virtual host Envoy picks for it (exact, *.suffix, "
            + "prefix*, *), its routes whose :authority matchers take it", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "path", in = ParameterIn.QUERY, description = "a request's path (/v1/users): the routes whose "
            + "match (prefix, path, safe_regex, path_separated_prefix) takes it, in order up to the first without "
            + "other conditions", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "output", in = ParameterIn.QUERY, description = "json (default), table or ndjson; else "
            + "by Accept", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "table", "ndjson"}))
    public Uni<Response> routes(@Context UriInfo uri, @HeaderParam("Accept") String accept) {
        var params = uri.getQueryParameters();
        var targets = FleetReadRequest.targets(params, registry, Set.of("host", "path", "output"));
        RouteTableOutput output = RouteTableOutput.of(params.getFirst("output"), accept);
        boolean admin = caller.isAdmin();
        return routes.table(targets, params.getFirst("host"), params.getFirst("path")).map(table -> {
            RouteTableAnswer answer = admin ? table : table.withMatches(m -> redaction.matchForCaller(m, false));
            Response.ResponseBuilder b = output == RouteTableOutput.JSON
                    ? Response.ok(answer, MediaType.APPLICATION_JSON)
                    : Response.ok(output.text(answer, json), output.contentType());
            return (answer.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
        });
    }

    @POST
    @Path("/logging")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setFleetLogLevels", summary = "Set Envoy log levels on the targeted gateways",
            description = "Exactly one of level=<level> (all loggers) or <logger>=<level>; levels: trace, debug, "
                    + "info, warning, warn, error, critical, off. Each item's data: the active loggers.")
    @Parameter(name = "clusters", in = ParameterIn.QUERY, description = "cluster names, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "selector", in = ParameterIn.QUERY, description = "label selector over the clusters' labels",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "level", in = ParameterIn.QUERY, description = "the level for every logger (or give one "
            + "<logger>=<level> instead, e.g. http=debug)", schema = @Schema(type = SchemaType.STRING,
            enumeration = {"trace", "debug", "info", "warning", "warn", "error", "critical", "off"}))
    @Parameter(name = "partial", in = ParameterIn.QUERY, description = "warn (default) or abort",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"warn", "abort"}))
    @APIResponse(responseCode = "200", description = "one item per gateway, its data the active loggers and their levels",
            headers = @Header(name = "X-Fleet-Partial", description = "true when some gateway failed",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
            content = @Content(schema = @Schema(implementation = FleetAnswer.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<Response> logging(@Context UriInfo uri, @Context HttpServerRequest request) {
        Map<String, String> query = LogLevels.envoyQuery(uri.getQueryParameters());
        PartialPolicy partial = PartialPolicy.parse(uri.getQueryParameters().getFirst("partial"));
        var targets = registry.select(uri.getQueryParameters().getFirst("clusters"),
                uri.getQueryParameters().getFirst("selector"));
        return FleetResponses.collect(fanOut.across(targets, (c, g) -> envoy.post(c, g, "/logging", query,
                a -> LogLevels.parseActive(a.text()))), partial, request);
    }
}
