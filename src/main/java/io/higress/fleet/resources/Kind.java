package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource kind the fleet manages (docs/kinds.md): its names, its facade model and validation, and the forms it
 * takes in each store — always Kubernetes objects, and the Higress Console's objects where the console has them.
 * Registered once in {@link Kinds}; the endpoints, manifests, export, aggregated reads and rollouts iterate that list.
 *
 * @param <S> the facade model (a record implementing {@link Spec})
 */
public interface Kind<S extends Spec> {

    KindNames names();

    /** The facade model: the JSON schema of the endpoints' bodies and reads. */
    Class<S> specClass();

    /** Field errors of a (merged) body, named by dotted paths; empty when valid. */
    List<FieldError> validate(S spec);

    /** Position in an export: service sources and plugins before the routes that use them (lower first). */
    int exportOrder();

    /** The kind as Kubernetes objects; {@link KubernetesForm#types()} are what manifests and export move. */
    KubernetesForm<S> kubernetes();

    /**
     * The kind as Kubernetes objects in one cluster: {@link #kubernetes()}, unless the cluster's settings choose the
     * form (routes: Ingresses or HTTPRoutes, {@code routes-api}).
     */
    default KubernetesForm<S> kubernetes(Cluster cluster) {
        return kubernetes();
    }

    /**
     * Fields of the body a POST or PUT may also give as query parameters (routes: {@code api}); both given, they must
     * agree. Another kind given one is a 400 naming it; the API description lists them on this kind's writes only.
     */
    default Set<WriteOption> writeOptions() {
        return java.util.EnumSet.noneOf(WriteOption.class);
    }

    /** The kind through the Higress Console; empty when the console cannot hold it (a per-cluster 400 there). */
    default Optional<Form<S>> console() {
        return Optional.empty();
    }

    /**
     * The query parameters of {@link ListParams} selecting a view of this kind ({@link KindView}) instead of its
     * list: the API description lists them on this kind's list only.
     */
    default Set<String> listViews() {
        return Set.of();
    }

    /** Named shortcuts {@code POST <path>/{name}/<action>}: each a merge patch (plugins' enable and disable). */
    default Map<String, ObjectNode> actions() {
        return Map.of();
    }

    /**
     * Why {@code name} cannot name an object in a path ({@code <path>/{name}}), or null when it can. A DNS-1123
     * subdomain by default; a kind whose objects are named otherwise (a domain {@code *.example.com}) says so.
     */
    default String nameError(String name) {
        return Names.isDns1123Subdomain(name) ? null : "must be a DNS-1123 subdomain";
    }

    /** Field errors a write refuses unless {@code force=true} (an expired certificate); none by default. */
    default List<FieldError> forceChecks(S spec) {
        return List.of();
    }

    /** What a write checks: {@link #validate}, and {@link #forceChecks} unless {@code force}. */
    default List<FieldError> check(S spec, boolean force) {
        List<FieldError> errors = new ArrayList<>(validate(spec));
        if (!force) {
            forceChecks(spec).stream().filter(e -> !errors.contains(e)).forEach(errors::add);
        }
        return errors;
    }

    /**
     * Field errors of a raw object of the kind's Kubernetes types (manifests), named by its dotted paths
     * ({@code data.tls.key}); with {@code force} those of {@link #forceChecks} are left out. None by default: custom
     * resources are applied as they are.
     */
    default List<FieldError> checkObject(ObjectNode object, boolean force) {
        return List.of();
    }

    /**
     * Where this kind's stored objects derive from objects of another kind: when one of those changes in a way that
     * reaches them ({@link #changesDerived}), the objects of this kind using it are written again after it, in the
     * same cluster ({@link Resaves}). Empty by default.
     */
    default Optional<Derivation<S>> derivation() {
        return Optional.empty();
    }

    /**
     * Whether a create or update of {@code spec} in a Kubernetes cluster may change what the objects of other kinds
     * deriving from it hold ({@link #derivation}): the console re-saves the AI routes of a provider whose upstream
     * service can change (LlmProviderServiceImpl.syncRelatedAiRoutes). False by default.
     */
    default boolean changesDerived(S spec) {
        return false;
    }

    /**
     * What drift compares between two copies in different kinds of store (a console copy and a Kubernetes copy,
     * which share no form but the facade model): the model, or the part of it both stores can show.
     */
    default JsonNode acrossStores(S spec) {
        return Json.tree(spec);
    }

    /**
     * Copies compare on {@link #acrossStores} even in the same kind of store: their objects hold what each cluster
     * sets by design (an HTTPRoute's parents), which is no drift.
     */
    default boolean comparesModels() {
        return false;
    }

    /**
     * Model fields each cluster may hold differently by design (a route's {@code api}): an aggregated item has one
     * only where every copy agrees, else its values are under {@code copies}, so that a read written back changes
     * nothing of it.
     */
    default List<String> perCluster() {
        return List.of();
    }
}
