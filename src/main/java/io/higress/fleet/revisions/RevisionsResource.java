package io.higress.fleet.revisions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.resources.Applier;
import io.higress.fleet.resources.ClusterStores;
import io.higress.fleet.resources.FieldChange;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.Manifest;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.resources.WriteParams;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.resources.WriteAudit;
import io.higress.fleet.resources.WriteResponses;
import io.higress.fleet.resources.WriteResult;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.Role;
import io.higress.fleet.security.ScopedTargets;
import io.higress.fleet.security.audit.AuditRecorder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/revisions} (docs/revisions.md): the revisions of the objects the facade wrote, newest first, with
 * their diff, and the restore of an object as a revision found it. Viewers read (secrets are redacted in every
 * revision, for everyone); a restore is an operator's write on the revision's cluster. A caller whose roles are
 * bound to some clusters sees the revisions of those only.
 */
@StrictQuery
@Path("/api/v1/revisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "revisions", description = "What every write did to each object, and its restore (docs/revisions.md)")
public class RevisionsResource {

    static final int MAX_LIMIT = 1000;

    /** One revision in a list: who wrote which object where, when and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record RevisionSummary(String id, Instant at, String cluster, String kind, String namespace, String name,
            @Schema(enumeration = {"created", "updated", "deleted"}) String action, String who, String requestId,
            String rollout, String reason) {

        static RevisionSummary of(Revision r) {
            return new RevisionSummary(r.id(), r.at(), r.cluster(), r.kind(), r.namespace(), r.name(), r.action(),
                    r.who(), r.requestId(), r.rollout(), r.reason());
        }
    }

    @RegisterForReflection
    public record RevisionPage(List<RevisionSummary> items) {
    }

    /**
     * One revision with its diff: {@code changes} the field differences (JSON pointers; under a secret key both
     * values are {@code "[redacted]"}), {@code before}/{@code after} the stored objects (redacted).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record RevisionDetail(String id, Instant at, String cluster, String kind, String namespace, String name,
            String action, String who, String requestId, String rollout, String reason, List<FieldChange> changes,
            @Schema(description = "its stored objects before the write (none: it did not exist), secrets redacted")
            List<Map<String, Object>> before,
            @Schema(description = "its stored objects after the write (none: deleted), secrets redacted")
            List<Map<String, Object>> after) {

        static RevisionDetail of(Revision r) {
            return new RevisionDetail(r.id(), r.at(), r.cluster(), r.kind(), r.namespace(), r.name(), r.action(),
                    r.who(), r.requestId(), r.rollout(), r.reason(), r.changes(), bodies(r.before()),
                    bodies(r.after()));
        }

        private static List<Map<String, Object>> bodies(List<StoredObject> objects) {
            return objects.stream().map(o -> Json.MAPPER.convertValue(o.body(), OBJECT)).toList();
        }
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Revisions revisions;
    private final ClusterRegistry registry;
    private final CurrentCaller caller;
    private final Applier applier;
    private final ClusterStores stores;
    private final CurrentVertxRequest current;

    public RevisionsResource(Revisions revisions, ClusterRegistry registry, CurrentCaller caller, Applier applier,
            ClusterStores stores, CurrentVertxRequest current) {
        this.revisions = revisions;
        this.registry = registry;
        this.caller = caller;
        this.applier = applier;
        this.stores = stores;
        this.current = current;
    }

    @GET
    @Blocking
    @Operation(operationId = "listRevisions", summary = "Revisions of the objects the facade wrote, newest first")
    @APIResponse(responseCode = "200", description = "the matching revisions, newest first")
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    public RevisionPage list(
            @QueryParam("kind") @Parameter(description = "the kind (Route, routes) or a manifest's Kubernetes kind")
            String kind,
            @QueryParam("name") @Parameter(description = "the object's name") String name,
            @QueryParam("namespace") @Parameter(description = "the object's namespace") String namespace,
            @QueryParam("cluster") @Parameter(description = "the cluster's name") String cluster,
            @QueryParam("since") @Parameter(description = "revisions at or after this instant, e.g. "
                    + "2025-01-31T12:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            String since,
            @QueryParam("limit") @Parameter(description = "at most this many (1 to 1000, default 100)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new ProblemException(Problem.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Instant from = instant("since", since);
        Predicate<Revision> visible = visible(caller.get());
        List<RevisionSummary> items = revisions.store().all().stream()
                .filter(r -> blank(kind) || matchesKind(r, kind))
                .filter(r -> blank(name) || name.equals(r.name()))
                .filter(r -> blank(namespace) || namespace.equals(r.namespace()))
                .filter(r -> blank(cluster) || cluster.equals(r.cluster()))
                .filter(r -> from == null || !r.at().isBefore(from))
                .filter(visible)
                .sorted(Retention.OLDEST_FIRST.reversed())
                .limit(n).map(RevisionSummary::of).toList();
        return new RevisionPage(items);
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Operation(operationId = "getRevision", summary = "One revision: who, when, why, the object before and after "
            + "and the field differences (secrets redacted)")
    @APIResponse(responseCode = "200", description = "the revision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RevisionDetail.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RevisionDetail get(@PathParam("id") String id) {
        return RevisionDetail.of(visible(id, Role.VIEWER));
    }

    @POST
    @Path("/{id}/restore")
    @Blocking
    @Operation(operationId = "restoreRevision", summary = "Put the object back as it was before the revision's write",
            description = "In the revision's cluster: an update is undone by an update, a create by a delete, a "
                    + "delete by a create. Secret values are never stored in a revision: the cluster's current ones "
                    + "are kept (a 422 names a secret field it no longer holds). Use dryRun=true first: it answers "
                    + "the plan and writes nothing. The restore is a revision itself.")
    @APIResponse(responseCode = "200", description = "restored (or the dryRun plan)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "207", description = "the cluster refused: the result says why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> restore(@PathParam("id") String id,
            @QueryParam("dryRun") @Parameter(description = "answer the plan (create|update|delete|unchanged and the "
                    + "field differences); write nothing. A bare flag or true mean yes") String dryRun,
            @QueryParam("force") @Parameter(description = "restore over an object that lacks the facade's mark")
            String force,
            @Context HttpServerRequest request) {
        boolean plan = WriteParams.flag("dryRun", request.getParam("dryRun"), false);
        boolean take = WriteParams.flag("force", request.getParam("force"), false);
        Revision r = visible(id, Role.OPERATOR);
        List<Cluster> targets = registry.select(r.cluster(), null); // the scope check: operator on its cluster
        var ctx = current.getCurrent();
        if (ctx != null) {
            AuditRecorder.target(ctx, "clusters", r.cluster());
            AuditRecorder.target(ctx, "revision", r.id());
        }
        boolean admin = caller.isAdmin();
        Applier.Options options = new Applier.Options(plan, take, null, null, "restore of revision " + r.id());
        return applier.write(targets, List.of(write(r)), options)
                .invoke(answer -> {
                    if (ctx != null) {
                        AuditRecorder.writes(ctx, WriteAudit.of(answer.results()));
                    }
                })
                .map(answer -> WriteResponses.of(admin ? answer : redacted(answer, r), request));
    }

    /** The write that puts the revision's object back, through its kind's form or as a manifest. */
    private Applier.Write<?> write(Revision r) {
        ObjectRef ref = new ObjectRef(r.kind(), r.namespace(), r.name());
        if (r.manifest()) {
            // the manifest as written (its hint), else its object then
            ObjectNode body = r.hint() != null && r.hint().get("body") instanceof ObjectNode h ? h
                    : (r.before().isEmpty() ? r.after() : r.before()).get(0).body();
            Manifest m = new Manifest(body);
            KubernetesObjectForm<Manifest> form = m.form();
            return new Applier.Write<>(ref, c -> stores.kubernetesOnly(form, c),
                    new RestoreIntent<>(r.id(), r.before(), m, revisions.secrets()), Applier.Write.MANIFESTS);
        }
        if (r.plural() == null) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "revision " + r.id() + " does not say which "
                    + "kind wrote " + ref + ", so it cannot be restored").withHint("write the object through its "
                    + "endpoint, with the revision's before as a guide"));
        }
        return kindWrite(Kinds.byPlural(r.plural()), ref, r);
    }

    private <S extends Spec> Applier.Write<S> kindWrite(Kind<S> kind, ObjectRef ref, Revision r) {
        S hint = null;
        if (r.hint() != null) {
            try {
                hint = Json.MAPPER.convertValue(r.hint(), kind.specClass());
            } catch (IllegalArgumentException e) { // a redacted value a spec cannot hold: read without the hint
                hint = null;
            }
        }
        return new Applier.Write<>(ref, c -> stores.of(kind, c),
                new RestoreIntent<>(r.id(), r.before(), hint, revisions.secrets()),
                kind.names().plural());
    }

    /** A non-admin's answer: the cluster's current secrets (kept by the restore) never shown. */
    private WriteAnswer redacted(WriteAnswer answer, Revision r) {
        boolean secretObject = r.before().stream().anyMatch(SecretFields::secretObject)
                || r.after().stream().anyMatch(SecretFields::secretObject);
        SecretFields s = revisions.secrets();
        return new WriteAnswer(answer.results().stream().map(w -> w.changes() == null ? w
                : new WriteResult(w.cluster(), w.kind(), w.namespace(), w.name(), w.status(), w.resourceVersion(),
                        w.changes().stream().map(c -> s.redacted(c, secretObject)).toList(), w.error(),
                        w.resavedAfter())).toList(),
                answer.summary(), answer.dryRun());
    }

    /** The revision, if the caller holds {@code role} on its cluster (403 naming it otherwise), else a 404. */
    private Revision visible(String id, Role role) {
        Revision r = (id == null || !DataDirRevisionStore.ID.matcher(id).matches() ? null
                : revisions.find(id).orElse(null));
        if (r == null) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "no revision '" + id + "'")
                    .withHint("list them with GET /api/v1/revisions; the oldest are dropped past "
                            + "fleet.revisions.max-count and max-age"));
        }
        Caller c = caller.get();
        if (!mayOn(c, role, r.cluster())) {
            throw new ProblemException(ScopedTargets.outsideScope(c, role, List.of(r.cluster()), true));
        }
        return r;
    }

    private Predicate<Revision> visible(Caller c) {
        return r -> mayOn(c, Role.VIEWER, r.cluster());
    }

    /** An unscoped role holds everywhere (a cluster removed since too); a binding on the cluster's labels. */
    private boolean mayOn(Caller c, Role role, String cluster) {
        if (c.kind() == Caller.Kind.ANONYMOUS || c.has(role)) {
            return true;
        }
        return registry.find(cluster).map(x -> c.mayOn(role, x.labels())).orElse(false);
    }

    /** The kind's endpoint plural or singular ({@code routes}, {@code route}), or the Kubernetes kind written. */
    private static boolean matchesKind(Revision r, String kind) {
        String singular = Kinds.ALL.stream().filter(k -> k.names().plural().equals(r.plural()))
                .map(k -> k.names().singular()).findFirst().orElse(null);
        return Stream.of(r.kind(), r.plural(), r.shownKind(), singular).filter(java.util.Objects::nonNull)
                .anyMatch(x -> x.equalsIgnoreCase(kind));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant instant(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalid(field, "expected an ISO-8601 instant like 2025-01-31T12:00:00Z"));
        }
    }
}
