package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The kind through the Higress Console; empty when the console cannot hold it (a per-cluster 400 there). */
    default Optional<Form<S>> console() {
        return Optional.empty();
    }

    /** Named shortcuts {@code POST <path>/{name}/<action>}: each a merge patch (plugins' enable and disable). */
    default Map<String, ObjectNode> actions() {
        return Map.of();
    }
}
