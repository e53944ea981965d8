package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.problem.Validation;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The CRUD flow of every kind: everything that can be checked without a cluster is checked first (body, names,
 * namespace, targeting: 400/404 before any call), then the {@link Applier} or the {@link FleetReader} do the
 * per-cluster work, each cluster through its store ({@link ClusterStores}).
 */
@ApplicationScoped
public class ResourceEndpoints {

    private final ClusterRegistry registry;
    private final Applier applier;
    private final FleetReader reader;
    private final CurrentCaller caller;
    private final ClusterStores stores;
    private final String defaultNamespace;
    private final Redaction redaction;
    private final List<KindView> views;
    private final WriteLimits limits;
    private final CurrentVertxRequest current;

    public ResourceEndpoints(ClusterRegistry registry, Applier applier, FleetReader reader, CurrentCaller caller,
            ClusterStores stores, FleetConfig config, Redaction redaction, Instance<KindView> views,
            WriteLimits limits, CurrentVertxRequest current) {
        this.redaction = redaction;
        this.views = views.stream().toList();
        this.limits = limits;
        this.current = current;
        this.registry = registry;
        this.applier = applier;
        this.reader = reader;
        this.caller = caller;
        this.stores = stores;
        this.defaultNamespace = config.resources().namespace();
    }

    /** POST: a new object in every targeted cluster. */
    public <S extends Spec> Uni<Response> create(Kind<S> kind, String body, BodyWriteParams params,
            HttpServerRequest request) {
        JsonNode tree = body(kind, body, params);
        if (tree != null) {
            RedactedPlaceholders.reject(tree); // a copy of a redacted read has no secret to create with
        }
        RequestReader.Bound<S> bound = RequestReader.bind(tree, kind.specClass());
        S spec = bound.value();
        if (spec.namespace() != null && params.namespace != null && !spec.namespace().equals(params.namespace)) {
            throw new ProblemException(Problem.invalid("namespace", "the body says '" + spec.namespace()
                    + "' and the query '" + params.namespace + "'"));
        }
        boolean force = params.force(request);
        bound.validated(s -> {
            Validation.throwIfAny(kind.check(s, force));
            return s;
        });
        String ns = spec.namespace() != null ? spec.namespace() : namespace(params.namespace);
        WriteLimits.throwIfAny(limits.model(kind, spec, ns, ""));
        ObjectRef ref = new ObjectRef(kind.names().kind(), ns, spec.name());
        return write(params, List.of(new Applier.Write<S>(ref, c -> stores.of(kind, c), WriteIntent.create(spec),
                kind.names().plural())),
                request, Json.tree(spec));
    }

    /**
     * A POST's or PUT's body with the kind's write options the query gives ({@link Kind#writeOptions}) set in it: a
     * 400 naming the option when the kind has none such, or when the body says otherwise. The one place query and
     * body meet.
     */
    private static JsonNode body(Kind<?> kind, String text, BodyWriteParams params) {
        JsonNode body = RequestReader.tree(text);
        for (WriteOption option : WriteOption.values()) {
            String value = option.given(params);
            if (value == null) {
                continue;
            }
            String name = option.parameter();
            if (!kind.writeOptions().contains(option)) {
                throw new ProblemException(Problem.invalid(name, kind.names().plural() + " take no " + name
                        + " (only routes choose between ingress and gateway)"));
            }
            if (!(body instanceof ObjectNode o)) {
                return body; // binding names what is wrong with it
            }
            JsonNode given = o.get(name);
            if (given != null && !given.isNull() && !given.asText().equals(value)) {
                throw new ProblemException(Problem.invalid(name, "the body says '" + given.asText()
                        + "' and the query '" + value + "'"));
            }
            body = o.deepCopy().put(name, value);
        }
        return body;
    }

    /** PUT with a body: {@link #update} of the body, the query's write options set in it. */
    public <S extends Spec> Uni<Response> update(Kind<S> kind, String name, String body, BodyWriteParams params,
            HttpServerRequest request) {
        return update(kind, name, body(kind, body, params), params, request);
    }

    /**
     * PUT: the body is a merge patch applied to each cluster's copy; the merged object is validated like a POST.
     * Wrong field types and unknown fields are found before any cluster is read.
     */
    public <S extends Spec> Uni<Response> update(Kind<S> kind, String name, JsonNode patch, WriteParams params,
            HttpServerRequest request) {
        JsonNode writable = SpecMerger.writable(patch);
        RequestReader.read(RedactedPlaceholders.withoutPlaceholders(writable), kind.specClass());
        return change(kind, name, current -> SpecMerger.merge(current, writable, kind.specClass()), params, request,
                patch);
    }

    /**
     * A change of each targeted cluster's copy ({@code change}: its model to the desired one; a 404 where there is
     * none), validated like a POST: what a PUT's merge does, and what a kind's sub-resource asks (an MCP server's
     * {@code /consumers}). {@code sent}: the request's body (null: none).
     */
    public <S extends Spec> Uni<Response> change(Kind<S> kind, String name, UnaryOperator<S> change,
            WriteParams params, HttpServerRequest request, JsonNode sent) {
        ObjectRef ref = writeRef(kind, name, params);
        boolean force = params.force(request);
        WriteIntent<S> intent = WriteIntent.modify(current -> {
            S changed = change.apply(current);
            Validation.throwIfAny(kind.check(changed, force));
            WriteLimits.throwIfAny(limits.model(kind, changed, ref.namespace(), ""));
            return changed;
        });
        return write(params, List.of(new Applier.Write<S>(ref, c -> stores.of(kind, c), intent, kind.names().plural())), request, sent);
    }

    /** {@code POST /{name}/<action>}: the kind's named merge patch. */
    public <S extends Spec> Uni<Response> action(Kind<S> kind, String name, String action, WriteParams params,
            HttpServerRequest request) {
        ObjectNode patch = kind.actions().get(action);
        if (patch == null) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, kind.names().plural() + " have no action '"
                    + action + "'" + (kind.actions().isEmpty() ? "" : " (they have "
                    + String.join(", ", kind.actions().keySet().stream().sorted().toList()) + ")")));
        }
        return update(kind, name, patch, params, request);
    }

    public <S extends Spec> Uni<Response> delete(Kind<S> kind, String name, WriteParams params,
            HttpServerRequest request) {
        return write(params, List.of(new Applier.Write<S>(writeRef(kind, name, params), c -> stores.of(kind, c),
                WriteIntent.<S>delete(), kind.names().plural())), request, null);
    }

    /** Objects as they are (manifests): created where absent, updated where present; Kubernetes-managed only. */
    public Uni<Response> apply(List<GenericKubernetesResource> objects, WriteParams params,
            HttpServerRequest request) {
        List<Problem.FieldError> outside = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            outside.addAll(limits.object((ObjectNode) Json.tree(objects.get(i)), "documents[" + i + "]"));
        }
        WriteLimits.throwIfAny(outside);
        List<Applier.Write<?>> writes = objects.stream().<Applier.Write<?>>map(this::manifestWrite).toList();
        return write(params, writes, request, Json.tree(objects));
    }

    private Applier.Write<Manifest> manifestWrite(GenericKubernetesResource o) {
        Manifest m = new Manifest((ObjectNode) Json.tree(o));
        KubernetesObjectForm<Manifest> form = m.form();
        return new Applier.Write<>(new ObjectRef(m.kind(), m.namespace(), m.name()),
                c -> stores.kubernetesOnly(form, c), WriteIntent.createOrUpdate(m), Applier.Write.MANIFESTS);
    }

    public <S extends Spec> Uni<Response> list(Kind<S> kind, ListParams params) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        if (params.expiringWithin != null) {
            KindView v = views.stream().filter(x -> x.plural().equals(kind.names().plural())
                    && x.parameter().equals(KindView.EXPIRING_WITHIN)).findFirst()
                    .orElseThrow(() -> new ProblemException(Problem.invalid(KindView.EXPIRING_WITHIN,
                            kind.names().plural() + " have no such view")));
            return v.answer(params.expiringWithin, targets, namespace(params.namespace), caller.isAdmin());
        }
        Function<Spec, JsonNode> view = view();
        return reader.list(kind, targets, namespace(params.namespace)).map(reads -> {
            Aggregation.Answer answer = Aggregation.of(reads, view, kind);
            Response.ResponseBuilder b = Response.ok(answer, MediaType.APPLICATION_JSON);
            return (answer.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
        });
    }

    /** One object across the clusters; 404 when no cluster that answered holds it. */
    public <S extends Spec> Uni<Response> get(Kind<S> kind, String name, ReadParams params,
            HttpServerRequest request) {
        ObjectRef ref = new ObjectRef(kind.names().kind(), namespace(params.namespace), checkName(kind, name));
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        Function<Spec, JsonNode> view = view();
        return reader.get(kind, targets, ref).map(reads -> {
            Aggregation.Answer answer = Aggregation.of(reads, view, kind);
            if (answer.items().isEmpty()) {
                Problem missing = Problem.of(ProblemType.NOT_FOUND, ref + " exists in none of the targeted clusters");
                return ProblemResponses.response(answer.partial() ? missing.withErrors(answer.errors()) : missing,
                        request);
            }
            ObjectNode item = (ObjectNode) answer.items().get(0);
            if (answer.partial()) {
                item.set("errors", Json.tree(answer.errors()));
            }
            Response.ResponseBuilder b = Response.ok(item, MediaType.APPLICATION_JSON);
            return (answer.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
        });
    }

    /** The query parameter's namespace (checked before any cluster is called) or the configured one. */
    public String namespace(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultNamespace;
        }
        if (!Names.isDns1123Label(requested)) {
            throw new ProblemException(Problem.invalid("namespace", "must be a DNS-1123 label"));
        }
        return requested;
    }

    private ObjectRef ref(Kind<?> kind, String name, ReadParams params) {
        return new ObjectRef(kind.names().kind(), namespace(params.namespace), checkName(kind, name));
    }

    /** The object a PUT, action or DELETE names, in a namespace writes may name (403 before any cluster is called). */
    private ObjectRef writeRef(Kind<?> kind, String name, ReadParams params) {
        ObjectRef ref = ref(kind, name, params);
        WriteLimits.throwIfAny(limits.namespace(ref.namespace(), "namespace"));
        return ref;
    }

    /** {@code sent}: what the caller's body holds (null: none), so what it might guess. */
    private Uni<Response> write(WriteParams params, List<Applier.Write<?>> writes, HttpServerRequest request,
            JsonNode sent) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        boolean admin = caller.isAdmin();
        var ctx = current.getCurrent(); // on the request's thread, like the caller
        WriteAudit.targets(ctx, targets);
        // a caller who may not read secrets may not learn them by comparison either: a body that holds one has
        // its secrets planned as changes; an action or a DELETE sends none, so it is compared as usual
        boolean blind = !admin && redaction.holdsSecret(sent);
        var options = new Applier.Options(params.dryRun(request), params.force(request), null,
                blind ? redaction::isSecret : null);
        return applier.write(targets, writes, options)
                .invoke(answer -> WriteAudit.answered(ctx, answer))
                .map(answer -> WriteResponses.of(admin ? answer : SecretRedaction.redact(answer, redaction), request));
    }

    /** Decided on the request's thread: the caller is not known on the worker threads that finish the read. */
    private Function<Spec, JsonNode> view() {
        boolean admin = caller.isAdmin();
        return spec -> redaction.forCaller(Json.tree(spec), admin);
    }

    static String checkName(Kind<?> kind, String name) {
        String error = kind.nameError(Objects.requireNonNullElse(name, ""));
        if (error != null) {
            throw new ProblemException(Problem.invalid("name", error));
        }
        return name;
    }
}
