package io.higress.fleet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.fanout.FleetAnswer;
import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.fanout.PartialPolicy;
import io.higress.fleet.fleet.ClusterRegistry;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Envoy admin reads across the targeted gateways (contract §4). */
@Path("/api/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Envoy admin across the fleet")
public class FleetReadsResource {

    private final ClusterRegistry registry;
    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;
    private final ObjectMapper json;

    public FleetReadsResource(ClusterRegistry registry, GatewayFanOut fanOut, EnvoyAdmin envoy, ObjectMapper json) {
        this.registry = registry;
        this.fanOut = fanOut;
        this.envoy = envoy;
        this.json = json;
    }

    /** {@code /ready}'s text as data: LIVE is ready, the other states (answered with 503) are not. */
    public record ReadyState(String state, boolean ready) {
    }

    @GET
    @Path("/ready")
    @Operation(summary = "Readiness of every targeted gateway (Envoy /ready)")
    @APIResponse(responseCode = "200", description = "one item per gateway",
            content = @Content(schema = @Schema(implementation = FleetAnswer.class)))
    public Uni<Response> ready(@QueryParam("clusters") @Parameter(description = "cluster names, comma-separated") String clusters,
            @QueryParam("selector") @Parameter(description = "label selector over the clusters' labels") String selector,
            @QueryParam("partial") @Parameter(description = "warn (default) or abort") String partial,
            HttpServerRequest request) {
        PartialPolicy policy = PartialPolicy.parse(partial);
        return FleetResponses.collect(fanOut.across(registry.select(clusters, selector),
                (c, g) -> envoy.get(c, g, "/ready", Map.of(), CallOptions.READ,
                        s -> (s >= 200 && s < 300) || s == 503, a -> readyState(a.text()))), policy, request);
    }

    @GET
    @Path("/server_info")
    @Operation(summary = "Envoy /server_info of every targeted gateway")
    @APIResponse(responseCode = "200", description = "one item per gateway",
            content = @Content(schema = @Schema(implementation = FleetAnswer.class)))
    public Uni<Response> serverInfo(@QueryParam("clusters") String clusters, @QueryParam("selector") String selector,
            @QueryParam("partial") String partial, HttpServerRequest request) {
        PartialPolicy policy = PartialPolicy.parse(partial);
        return FleetResponses.collect(fanOut.across(registry.select(clusters, selector),
                (c, g) -> envoy.get(c, g, "/server_info", Map.of(), CallOptions.READ, EnvoyAdmin.OK,
                        a -> parseJson(a.body().getBytes()))), policy, request);
    }

    static ReadyState readyState(String text) {
        String state = text.strip();
        return switch (state) {
            case "LIVE" -> new ReadyState(state, true);
            case "PRE_INITIALIZING", "INITIALIZING", "DRAINING" -> new ReadyState(state, false);
            default -> throw new IllegalArgumentException("unknown /ready state '"
                    + (state.length() > 40 ? state.substring(0, 40) + "…" : state) + "'");
        };
    }

    private JsonNode parseJson(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON: " + e.getMessage(), e);
        }
    }
}
