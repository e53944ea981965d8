package io.higress.fleet.resources.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;
import java.util.Optional;

/**
 * Routes (contract §5): the brief's route body as a {@code networking.k8s.io/v1} Ingress of class {@code higress}
 * ({@link RouteTranslator}), or a Higress Console route ({@link ConsoleRouteForm}).
 */
public final class RouteKind implements Kind<RouteSpec> {
    static final KubernetesType INGRESS = new KubernetesType("networking.k8s.io/v1", "Ingress", "ingresses");

    private static final KindNames NAMES = new KindNames("route", "routes", "Ingress", "routes",
            "Routes: Ingresses of class higress");

    private final KubernetesForm<RouteSpec> kubernetes = new KubernetesObjectForm<>(INGRESS,
            (r, ns) -> (ObjectNode) Json.tree(new RouteTranslator(ns).toIngress(r)),
            o -> new RouteTranslator(null).fromIngress(Json.MAPPER.convertValue(o, Ingress.class)));
    private final ConsoleRouteForm console = new ConsoleRouteForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<RouteSpec> specClass() {
        return RouteSpec.class;
    }

    @Override
    public List<FieldError> validate(RouteSpec spec) {
        return new RouteValidator().validate(spec);
    }

    @Override
    public int exportOrder() {
        return 40;
    }

    @Override
    public KubernetesForm<RouteSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<RouteSpec>> console() {
        return Optional.of(console);
    }
}
