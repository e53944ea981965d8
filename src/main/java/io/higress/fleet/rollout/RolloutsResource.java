package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.resources.RedactedPlaceholders;
import io.higress.fleet.resources.RequestReader;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Rollouts across clusters (contract §6); see docs/rollouts.md. Their messages (reasons, cluster errors) quote
 * upstream answers, which may quote a refused value: non-admins read them through the redaction service.
 */
@StrictQuery
@Path("/api/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rollouts", description = "all, selective and canary rollouts with health gates")
public class RolloutsResource {

    private final RolloutService rollouts;
    private final CurrentCaller caller;
    private final Redaction redaction;

    public RolloutsResource(RolloutService rollouts, CurrentCaller caller, Redaction redaction) {
        this.rollouts = rollouts;
        this.caller = caller;
        this.redaction = redaction;
    }

    /** Decided on the request's thread, like every redaction. */
    private UnaryOperator<String> messages() {
        boolean admin = caller.isAdmin();
        return text -> redaction.forCaller(text, admin);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a rollout: 202 with Location; 400 for invalid input, 409 when another rollout "
            + "writes one of the objects")
    public Uni<Response> create(JsonNode body) {
        if (body != null) {
            RedactedPlaceholders.reject(body); // a rollout creates: there is no secret to keep
        }
        Map<String, JsonNode> lists = new LinkedHashMap<>();
        JsonNode rest = body;
        if (body != null && body.isObject()) {
            ObjectNode copy = body.deepCopy();
            for (Kind<?> kind : Kinds.ALL) {
                JsonNode list = copy.remove(kind.names().rolloutField());
                if (list != null) {
                    lists.put(kind.names().rolloutField(), list);
                }
            }
            rest = copy;
        }
        RolloutSpec spec = RequestReader.bind(rest, RolloutRequest.class)
                .validated(r -> rollouts.planner().plan(r, lists));
        // relative, as the contract shows it: JAX-RS's location() would resolve it against the host the facade was
        // reached by, which behind a proxy is the internal one
        UnaryOperator<String> messages = messages();
        return rollouts.engine().start(spec, caller.get().name()).map(view -> Response
                .accepted(view.withMessages(messages)).header("Location", "/api/v1/rollouts/" + view.id()).build());
    }

    @GET
    @Operation(summary = "Every rollout, newest first")
    public Map<String, Collection<RolloutView>> list() {
        UnaryOperator<String> messages = messages();
        return Map.of("items", rollouts.engine().list().stream().map(v -> v.withMessages(messages)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rollout: state, current wave, per-cluster states")
    public RolloutView get(@PathParam("id") String id) {
        return rollouts.engine().view(id).withMessages(messages());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause at the next step boundary")
    public Uni<RolloutView> pause(@PathParam("id") String id) {
        UnaryOperator<String> messages = messages();
        return rollouts.engine().pause(id).map(v -> v.withMessages(messages));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Continue a paused rollout")
    public Uni<RolloutView> resume(@PathParam("id") String id) {
        UnaryOperator<String> messages = messages();
        return rollouts.engine().resume(id).map(v -> v.withMessages(messages));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Stop the rollout; applied clusters keep the new objects")
    public Uni<RolloutView> cancel(@PathParam("id") String id) {
        UnaryOperator<String> messages = messages();
        return rollouts.engine().cancel(id).map(v -> v.withMessages(messages));
    }

    @POST
    @Path("/{id}/promote")
    @Operation(summary = "Skip the rest of the current wave's wait")
    public Uni<RolloutView> promote(@PathParam("id") String id) {
        UnaryOperator<String> messages = messages();
        return rollouts.engine().promote(id).map(v -> v.withMessages(messages));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "State changes as server-sent events named 'state' (like the fleet streams' 'item' and "
            + "'summary'), from the current state until the rollout ends")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        UnaryOperator<String> messages = messages();
        // no mediaType() here: Quarkus writes an event's own media type as a non-standard "content-type:" line
        return rollouts.engine().events(id).map(e -> sse.newEventBuilder().name("state")
                .data(RolloutEvent.class, e.withMessages(messages)).build());
    }
}
