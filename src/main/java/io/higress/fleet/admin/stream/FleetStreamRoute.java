package io.higress.fleet.admin.stream;

import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.admin.read.FleetReadRequest;
import io.higress.fleet.fanout.PartialPolicy;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.http.Pipeline;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.security.CurrentCaller;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Serves the fleet reads that are written as they arrive — every config_dump, and any fleet read asked for as
 * ND-JSON or SSE — straight on Vert.x, after the security gate and ahead of the REST layer: a REST {@code Multi}
 * would add its own separators between chunks and bypass the problem mappers. The request is checked completely
 * before the status is sent, so a bad request still gets its 4xx problem; after that, failures travel in items.
 * Plain JSON reads of the other endpoints fall through to {@code FleetReadsResource}.
 */
@ApplicationScoped
public class FleetStreamRoute {

    private static final Set<String> ENDPOINTS = Arrays.stream(AdminEndpoint.values()).map(AdminEndpoint::id)
            .collect(Collectors.toUnmodifiableSet());

    private final ClusterRegistry registry;
    private final FleetReads reads;

    public FleetStreamRoute(ClusterRegistry registry, FleetReads reads) {
        this.registry = registry;
        this.reads = reads;
    }

    void install(@Observes Router router) {
        Pipeline.FLEET_STREAM.place(router.routeWithRegex(HttpMethod.GET, "/api/v1/fleet/([^/]+)/?"))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String endpoint = ctx.pathParam("param0");
        StreamFraming streaming = StreamFraming.streamingFor(ctx.request().getHeader("Accept"));
        boolean dump = AdminEndpoint.CONFIG_DUMP.id().equals(endpoint);
        if (!ENDPOINTS.contains(endpoint) || (streaming == null && !dump)) {
            ctx.next();
            return;
        }
        FleetReadRequest request;
        try {
            request = FleetReadRequest.parse(endpoint, params(ctx), registry);
            if (request.partial() == PartialPolicy.ABORT) {
                throw new ProblemException(Problem.invalid("partial", "a streamed answer has sent its status before"
                        + " the gateways answer: partial=abort needs a plain JSON read of another endpoint"));
            }
        } catch (ProblemException e) {
            ProblemResponses.end(ctx, e.problem());
            return;
        }
        StreamFraming framing = streaming != null ? streaming : StreamFraming.JSON;
        ResponseStreamer.send(ctx, framing.contentType(),
                reads.stream(request, framing, CurrentCaller.of(ctx).isAdmin()));
    }

    private static Map<String, List<String>> params(RoutingContext ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                .add(e.getValue()));
        return params;
    }
}
