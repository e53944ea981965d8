package io.higress.fleet.desiredstate;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kinds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.SecretRedaction;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.resources.WriteAudit;
import io.higress.fleet.resources.WriteParams;
import io.higress.fleet.resources.WriteResponses;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.rollout.RolloutService;
import io.higress.fleet.rollout.RolloutSpec;
import io.higress.fleet.rollout.RolloutView;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.audit.AuditRecorder;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/desired-states}: named sets of manifests, their diff, sync and drift status (docs/desired-state.md). */
@StrictQuery
@Path("/api/v1/desired-states")
@Tag(name = "desired-states", description = "Desired-state sets: diff, sync with prune, drift (docs/desired-state.md)")
@Produces(MediaType.APPLICATION_JSON)
public class DesiredStatesResource {

    private final DesiredStateStore store;
    private final DesiredStates states;
    private final DriftCheck drift;
    private final ClusterRegistry registry;
    private final CurrentCaller caller;
    private final Redaction redaction;
    private final CurrentVertxRequest current;
    private final DesiredStateEvents events;
    private final RolloutService rollouts;
    private final Clock clock = Clock.systemUTC();

    public DesiredStatesResource(DesiredStateStore store, DesiredStates states, DriftCheck drift,
            ClusterRegistry registry, CurrentCaller caller, Redaction redaction, CurrentVertxRequest current,
            DesiredStateEvents events, RolloutService rollouts) {
        this.events = events;
        this.rollouts = rollouts;
        this.store = store;
        this.states = states;
        this.drift = drift;
        this.registry = registry;
        this.caller = caller;
        this.redaction = redaction;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listDesiredStates", summary = "The stored desired-state sets (secrets redacted for non-admins)")
    @APIResponse(responseCode = "200", description = "the sets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredState[].class)))
    public Response list() {
        boolean admin = caller.isAdmin();
        return Response.ok(store.all().stream().map(s -> view(s, admin)).toList()).build();
    }

    @PUT
    @Path("/{name}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putDesiredState", summary = "Store a desired-state set (manifests, targeting, "
            + "namespaces)", description = "Validated like POST /api/v1/manifests (a 400 names manifests[i].field); "
            + "every targeted cluster must be in the caller's operator scope. Writes nothing to any cluster.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DesiredState.class)))
    @APIResponse(responseCode = "201", description = "stored (new)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredState.class)))
    @APIResponse(responseCode = "200", description = "stored (replaced)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredState.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response put(@PathParam("name") String name, String body) {
        DesiredState sent = RequestReader.read(RequestReader.tree(body), DesiredState.class);
        DesiredState set = states.validated(name, sent);
        targets(set); // scope (403 naming the clusters outside it) and unknown clusters (404), before storing
        DesiredState stored = new DesiredState(set.name(), set.clusters(), set.selector(), set.namespaces(),
                set.manifests(), caller.get().name(), clock.instant().toString());
        boolean replaced = store.put(stored);
        drift.forget(name);
        return Response.status(replaced ? 200 : 201)
                .entity(view(stored, caller.isAdmin())).build();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getDesiredState", summary = "One desired-state set (secrets redacted for non-admins)")
    @APIResponse(responseCode = "200", description = "the set", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredState.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("name") String name) {
        return Response.ok(view(set(name), caller.isAdmin())).build();
    }

    @DELETE
    @Path("/{name}")
    @Blocking
    @Operation(operationId = "deleteDesiredState", summary = "Forget a desired-state set",
            description = "The objects it wrote stay in the clusters; an operator on every targeted cluster only.")
    @APIResponse(responseCode = "204", description = "forgotten")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("name") String name) {
        targets(set(name));
        store.remove(name);
        drift.forget(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/diff")
    @Blocking // the set is read from the home cluster; the sync itself is non-blocking
    @Operation(operationId = "diffDesiredState", summary = "Per cluster: what a sync would create, update (field "
            + "diff), delete (prune of the facade's own objects) or leave unchanged")
    @APIResponse(responseCode = "200", description = "the plan (results[].status create|update|delete|unchanged|error)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "207", description = "some clusters could not be compared: each result says",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> diff(@PathParam("name") String name, @Context HttpServerRequest request) {
        DesiredState set = set(name);
        return run(set, targets(set), true, true, request);
    }

    @POST
    @Path("/{name}/sync")
    @Blocking // the set is read from the home cluster; the sync itself is non-blocking
    @Operation(operationId = "syncDesiredState", summary = "Apply a desired-state set to its clusters, at once or "
            + "through a rollout (strategy)",
            description = "Through the facade's one write path; prune (default) deletes the facade's own objects in "
                    + "the set's namespaces that the set no longer holds, prune=false skips deletes; dryRun plans only. "
                    + "With strategy (all, selective, canary) the set's objects go out as a rollout (202 with "
                    + "Location), with the options of POST /api/v1/rollouts in the body; a rollout creates and "
                    + "updates, so prune is false there (prune=true is a 400).")
    @RequestBody(required = false, description = "with strategy only: the rollout's options (canaryOrder or waves, "
            + "waitTime, healthGate, onFailure, maxParallel, confirmPromotion, webhooks, windows); the set gives its "
            + "objects and clusters", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RolloutOptions")))
    @APIResponse(responseCode = "200", description = "every cluster succeeded (or the dryRun plan)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "201", description = "created in every cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "202", description = "strategy: the rollout started; follow it at Location",
            headers = @Header(name = "Location", description = "/api/v1/rollouts/{id}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RolloutView.class)))
    @APIResponse(responseCode = "207", description = "some clusters or objects failed: each result says",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<Response> sync(@PathParam("name") String name, @QueryParam("dryRun") String dryRun,
            @QueryParam("prune") String prune, @QueryParam("strategy") String strategy, String body,
            @Context HttpServerRequest request) {
        // the raw query, not JAX-RS's: a bare ?dryRun or ?dryRun= reads as null there, which would write for real
        // (the @QueryParam parameters describe the operation in the OpenAPI document and for StrictQuery)
        boolean dry = WriteParams.flag("dryRun", request.getParam("dryRun"), false);
        String pruneParam = request.getParam("prune");
        String strategyParam = request.getParam("strategy");
        DesiredState set = set(name);
        List<Cluster> targets = targets(set); // a 404, then a 403 outside the caller's scope, before the body
        JsonNode sent = body == null || body.isBlank() ? null : RequestReader.tree(body);
        // {} or null: no options, as a client that always sends a body means
        JsonNode options = sent == null || sent.isNull() || sent.isObject() && sent.isEmpty() ? null : sent;
        if (strategyParam == null) {
            if (options != null) {
                throw new ProblemException(Problem.invalid("strategy", "a body holds a rollout's options: give "
                        + "strategy (all, selective, canary) too, or sync without a body"));
            }
            return run(set, targets, dry, WriteParams.flag("prune", pruneParam, true), request);
        }
        if (WriteParams.flag("prune", pruneParam, false)) {
            throw new ProblemException(Problem.invalid("prune", "a rollout creates and updates only: sync through it "
                    + "with prune=false (its default), then once it has succeeded prune with a sync without strategy"));
        }
        RolloutSpec spec = DesiredStates.renamed(() -> rollouts.plan(states.rolloutBody(set, strategyParam, options)));
        if (dry) {
            return run(set, targets, true, false, request); // checked as a rollout; the plan of its objects
        }
        boolean admin = caller.isAdmin();
        var ctx = current.getCurrent();
        return rollouts.engine().start(spec, caller.get().name())
                .invoke(view -> AuditRecorder.target(ctx, "rollout", view.id()))
                .map(view -> Response.accepted(view.withMessages(text -> redaction.forCaller(text, admin)))
                        .header("Location", "/api/v1/rollouts/" + view.id()).build());
    }

    @GET
    @Path("/{name}/status")
    @Operation(operationId = "desiredStateStatus", summary = "The last drift check of a set: in-sync, drifted "
            + "(with the objects) or failed")
    @APIResponse(responseCode = "200", description = "the status", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredStatus.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response status(@PathParam("name") String name) {
        set(name);
        DesiredStatus s = drift.status(name);
        return Response.ok(caller.isAdmin() ? Json.tree(s) : redaction.redact(Json.tree(s.redacted(redaction)))).build();
    }

    private Uni<Response> run(DesiredState set, List<Cluster> targets, boolean dryRun, boolean prune,
            HttpServerRequest request) {
        boolean admin = caller.isAdmin();
        var ctx = current.getCurrent();
        if (!dryRun) {
            WriteAudit.targets(ctx, targets);
        }
        Predicate<String> blind = !admin && redaction.holdsSecret(Json.tree(states.objects(set)))
                ? redaction::isSecret : null;
        return states.apply(set, targets, dryRun, prune, blind)
                .invoke(answer -> {
                    if (!dryRun) {
                        WriteAudit.answered(ctx, answer);
                        events.syncFinished(set, answer);
                    }
                })
                .map(answer -> WriteResponses.of(admin ? answer : SecretRedaction.redact(answer, redaction), request));
    }

    /**
     * The set as a caller may see it: a non-admin gets the manifests as a JSON list, each Secret's values masked
     * (like an export) and every secret key redacted, since a YAML string cannot be redacted by key.
     */
    private JsonNode view(DesiredState set, boolean admin) {
        if (admin) {
            return Json.tree(set);
        }
        ArrayNode objects = Json.MAPPER.createArrayNode();
        for (var o : states.objects(set)) {
            ObjectNode body = (ObjectNode) Json.tree(o);
            objects.add(Kinds.kubernetesType(body).map(t -> t.masked(body)).orElse(body));
        }
        ObjectNode out = (ObjectNode) Json.tree(set);
        out.set("manifests", objects);
        return redaction.redact(out);
    }

    /** The set's clusters, checked against the caller's scope for the request's role. */
    private List<Cluster> targets(DesiredState set) {
        String clusters = set.clusters() == null || set.clusters().isEmpty() ? null : String.join(",", set.clusters());
        return registry.select(clusters, set.selector());
    }

    private DesiredState set(String name) {
        return store.get(name).orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NOT_FOUND,
                "there is no desired-state set '" + name + "'").withHint("list them with GET /api/v1/desired-states")));
    }

}
