package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The CRUD flow shared by routes, plugins and mcp-bridges: everything that can be checked without a cluster is
 * checked first (body, names, namespace, targeting: 400/404 before any call), then {@link FleetWriter} or
 * {@link FleetReader} do the per-cluster work, through each cluster's store ({@link ClusterStores}).
 */
@ApplicationScoped
public class ResourceEndpoints {

    private final ClusterRegistry registry;
    private final FleetWriter writer;
    private final FleetReader reader;
    private final CurrentCaller caller;
    private final ClusterStores stores;
    private final Redaction redaction;

    public ResourceEndpoints(ClusterRegistry registry, FleetWriter writer, FleetReader reader, CurrentCaller caller,
            ClusterStores stores, Redaction redaction) {
        this.redaction = redaction;
        this.registry = registry;
        this.writer = writer;
        this.reader = reader;
        this.caller = caller;
        this.stores = stores;
    }

    /** POST: a new resource in every targeted cluster. */
    public <T> Uni<Response> create(ResourceModel<T> model, String body, WriteParams params, HttpServerRequest request) {
        JsonNode tree = RequestReader.tree(body);
        if (tree != null) {
            RedactedPlaceholders.reject(tree); // a copy of a redacted read has no secret to create with
        }
        RequestReader.Bound<T> bound = RequestReader.bind(tree, model.type());
        T spec = bound.value();
        String bodyNamespace = Json.tree(spec).path("namespace").asText(null);
        if (bodyNamespace != null && params.namespace != null && !bodyNamespace.equals(params.namespace)) {
            throw new ProblemException(Problem.invalid("namespace", "the body says '" + bodyNamespace
                    + "' and the query '" + params.namespace + "'"));
        }
        bound.validated(s -> {
            model.validator().accept(s);
            return s;
        });
        GenericKubernetesResource desired = model.toObject().apply(spec);
        return write(stores.byManagement(), params,
                List.of(new FleetWriter.Write(ObjectRef.of(desired), WriteIntent.create(desired))), request);
    }

    /**
     * PUT: the body is a merge patch applied to each cluster's copy; the merged resource is validated like a POST.
     * Wrong field types and unknown fields are found before any cluster is read.
     */
    public <T> Uni<Response> update(ResourceModel<T> model, String name, JsonNode patch, WriteParams params,
            HttpServerRequest request) {
        JsonNode writable = SpecMerger.writable(patch);
        RequestReader.read(writable, model.type());
        ObjectRef ref = model.ref(checkName(name));
        WriteIntent intent = WriteIntent.modify(ref, current -> {
            T merged = SpecMerger.merge(model.fromObject().apply(current), writable, model.type());
            model.validator().accept(merged);
            return model.toObject().apply(merged);
        });
        return write(stores.byManagement(), params, List.of(new FleetWriter.Write(ref, intent)), request);
    }

    public <T> Uni<Response> delete(ResourceModel<T> model, String name, WriteParams params,
            HttpServerRequest request) {
        return write(stores.byManagement(), params,
                List.of(new FleetWriter.Write(model.ref(checkName(name)), WriteIntent.delete())), request);
    }

    /** Objects as they are (manifests): created where absent, updated where present; Kubernetes-managed only. */
    public Uni<Response> apply(List<GenericKubernetesResource> objects, WriteParams params,
            HttpServerRequest request) {
        return write(stores.kubernetesOnly(), params, objects.stream()
                .map(o -> new FleetWriter.Write(ObjectRef.of(o), WriteIntent.createOrUpdate(o))).toList(), request);
    }

    public <T> Uni<Response> list(ResourceModel<T> model, ReadParams params) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        Function<GenericKubernetesResource, JsonNode> view = view(model);
        return reader.list(stores.byManagement(), targets, model.kind(), model.namespace(), false)
                .map(reads -> {
                    Aggregation.Answer answer = Aggregation.of(reads, view);
                    Response.ResponseBuilder b = Response.ok(answer, MediaType.APPLICATION_JSON);
                    return (answer.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
                });
    }

    /** One resource across the clusters; 404 when no cluster that answered holds it. */
    public <T> Uni<Response> get(ResourceModel<T> model, String name, ReadParams params, HttpServerRequest request) {
        ObjectRef ref = model.ref(checkName(name));
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        Function<GenericKubernetesResource, JsonNode> view = view(model);
        return reader.get(stores.byManagement(), targets, ref).map(reads -> {
            Aggregation.Answer answer = Aggregation.of(reads, view);
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

    private Uni<Response> write(ClusterStores.Selection where, WriteParams params, List<FleetWriter.Write> writes,
            HttpServerRequest request) {
        List<Cluster> targets = registry.select(params.clusters, params.selector);
        boolean admin = caller.isAdmin();
        return writer.write(where, targets, writes, params.dryRun(request), params.force(request))
                .map(answer -> WriteResponses.of(admin ? answer : SecretRedaction.redact(answer, redaction), request));
    }

    /** Decided on the request's thread: the caller is not known on the worker threads that finish the read. */
    private <T> Function<GenericKubernetesResource, JsonNode> view(ResourceModel<T> model) {
        boolean admin = caller.isAdmin();
        return o -> {
            JsonNode tree = Json.tree(model.fromObject().apply(o));
            return redaction.forCaller(tree, admin);
        };
    }

    static String checkName(String name) {
        if (!Names.isDns1123Subdomain(Objects.requireNonNullElse(name, ""))) {
            throw new ProblemException(Problem.invalid("name", "must be a DNS-1123 subdomain"));
        }
        return name;
    }
}
