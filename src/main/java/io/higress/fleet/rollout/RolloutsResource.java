package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.Role;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.security.ScopedTargets;
import io.higress.fleet.security.audit.AuditRecorder;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
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
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    private final CurrentVertxRequest current;
    private final ClusterRegistry registry;
    /** Whether the creator of a rollout may approve its promotions (four eyes by default). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fleet.rollouts.creator-may-approve",
            defaultValue = "false")
    boolean creatorMayApprove;

    public RolloutsResource(RolloutService rollouts, CurrentCaller caller, Redaction redaction,
            CurrentVertxRequest current, ClusterRegistry registry) {
        this.rollouts = rollouts;
        this.registry = registry;
        this.caller = caller;
        this.redaction = redaction;
        this.current = current;
    }

    /** The request's audit entry carries the rollout's id (its waves' entries do too: {@link ApplierRolloutTarget}). */
    private void audited(String id) {
        var ctx = current.getCurrent();
        if (ctx != null && id != null) {
            AuditRecorder.target(ctx, "rollout", id);
        }
    }

    /** Decided on the request's thread, like every redaction. */
    private UnaryOperator<String> messages() {
        boolean admin = caller.isAdmin();
        return text -> redaction.forCaller(text, admin);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRollout", summary = "Start a rollout: 202 with Location; 400 for invalid "
            + "input, 409 when another rollout writes one of the objects")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RolloutRequest"), examples = @ExampleObject(name = "canary", value = """
                    {"strategy": "canary", "canaryOrder": ["dev", "test", "prod"], "waitTime": "5m",
                     "healthGate": {"gatewaysReady": true, "max5xxRatio": 0.01}, "onFailure": "rollback",
                     "routes": [{"name": "example-route", "domain": ["example.com"], "paths": ["/api/*"],
                                 "serviceName": "example-service", "servicePort": 8080}]}""")))
    @APIResponse(responseCode = "202", description = "started; follow it at Location",
            headers = @Header(name = "Location", description = "/api/v1/rollouts/{id}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RolloutView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<Response> create(JsonNode body) {
        RolloutSpec spec = rollouts.plan(body);
        // relative, as the contract shows it: JAX-RS's location() would resolve it against the host the facade was
        // reached by, which behind a proxy is the internal one
        UnaryOperator<String> messages = messages();
        var ctx = current.getCurrent();
        return rollouts.engine().start(spec, caller.get().name())
                .invoke(view -> AuditRecorder.target(ctx, "rollout", view.id())).map(view -> Response
                .accepted(view.withMessages(messages)).header("Location", "/api/v1/rollouts/" + view.id()).build());
    }

    @RegisterForReflection
    public record RolloutList(List<RolloutView> items) {
    }

    @GET
    @Operation(operationId = "listRollouts", summary = "Every rollout, newest first")
    @APIResponse(responseCode = "200", description = "the rollouts the journal holds")
    public RolloutList list() {
        UnaryOperator<String> messages = messages();
        Caller who = caller.get();
        return new RolloutList(rollouts.engine().list().stream().filter(v -> outsideScope(who, v).isEmpty())
                .map(v -> v.withMessages(messages)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRollout", summary = "One rollout: state, current wave, per-cluster states")
    @APIResponse(responseCode = "200", description = "the rollout")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RolloutView get(@PathParam("id") String id) {
        return visible(rollouts.engine().view(id)).withMessages(messages());
    }

    /**
     * A caller with viewer bindings only sees the rollouts whose every cluster its bindings cover: a rollout's
     * objects, reasons and cluster errors are its clusters' details (a cluster no longer registered is covered
     * by no binding).
     */
    private RolloutView visible(RolloutView view) {
        Caller who = caller.get();
        List<String> outside = outsideScope(who, view);
        if (!outside.isEmpty()) {
            throw new ProblemException(ScopedTargets.outsideScope(who, Role.VIEWER, outside, true));
        }
        return view;
    }

    private List<String> outsideScope(Caller who, RolloutView view) {
        if (who.has(Role.VIEWER)) {
            return List.of();
        }
        return view.waves().stream().flatMap(w -> w.clusters().stream()).map(RolloutView.ClusterView::name)
                .filter(name -> registry.find(name).map(c -> !who.mayOn(Role.VIEWER, c.labels())).orElse(true))
                .distinct().toList();
    }

    @POST
    @Path("/{id}/pause")
    @Operation(operationId = "pauseRollout", summary = "Pause at the next step boundary")
    @APIResponse(responseCode = "200", description = "the rollout after the change")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<RolloutView> pause(@PathParam("id") String id) {
        return control(id, e -> e.pause(id));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "resumeRollout", summary = "Continue a paused rollout")
    @APIResponse(responseCode = "200", description = "the rollout after the change")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<RolloutView> resume(@PathParam("id") String id) {
        return control(id, e -> e.resume(id));
    }

    @POST
    @Path("/{id}/approve")
    @Operation(operationId = "approveRollout", summary = "Approve the start of the wave that waits for it "
            + "(confirmPromotion); by an operator other than the rollout's creator")
    @APIResponse(responseCode = "200", description = "the rollout after the change")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<RolloutView> approve(@PathParam("id") String id) {
        return control(id, e -> e.approve(id, caller.get().name(), creatorMayApprove));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelRollout", summary = "Stop the rollout; applied clusters keep the new objects")
    @APIResponse(responseCode = "200", description = "the rollout after the change")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<RolloutView> cancel(@PathParam("id") String id) {
        return control(id, e -> e.cancel(id));
    }

    @POST
    @Path("/{id}/promote")
    @Operation(operationId = "promoteRollout", summary = "Skip the rest of the current wave's wait")
    @APIResponse(responseCode = "200", description = "the rollout after the change")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<RolloutView> promote(@PathParam("id") String id) {
        return control(id, e -> e.promote(id));
    }

    /** A control of a rollout: audited, answered with the rollout after it in the caller's words. */
    private Uni<RolloutView> control(String id, java.util.function.Function<RolloutEngine, Uni<RolloutView>> act) {
        audited(id);
        UnaryOperator<String> messages = messages();
        return act.apply(rollouts.engine()).map(v -> v.withMessages(messages));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "watchRollout", summary = "State changes as server-sent events named 'state' (like "
            + "the fleet streams' 'item' and 'summary'), from the current state until the rollout ends")
    @APIResponse(responseCode = "200", description = "the event stream; it ends when the rollout does",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "events 'state', each data: a RolloutEvent (JSON)"),
                    extensions = @Extension(name = "x-sse-events", parseValue = true,
                            value = "{\"state\": {\"$ref\": \"#/components/schemas/RolloutEvent\"}}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        visible(rollouts.engine().view(id));
        UnaryOperator<String> messages = messages();
        // no mediaType() here: Quarkus writes an event's own media type as a non-standard "content-type:" line
        return rollouts.engine().events(id).map(e -> sse.newEventBuilder().name("state")
                .data(RolloutEvent.class, e.withMessages(messages)).build());
    }
}
