package io.higress.fleet.resources.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.BodyWriteParams;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.WriteOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routes (contract §5): the brief's route body as a {@code networking.k8s.io/v1} Ingress of class {@code higress}
 * ({@link RouteTranslator}) or a {@code gateway.networking.k8s.io/v1} HTTPRoute ({@link HttpRouteTranslator}), per
 * cluster and write ({@link KubernetesRouteForm}), or a Higress Console route ({@link ConsoleRouteForm}).
 */
public final class RouteKind implements Kind<RouteSpec> {
    /** The write option and body field choosing Ingress or HTTPRoute. */
    static final String API = BodyWriteParams.API;
    static final KubernetesType INGRESS = new KubernetesType("networking.k8s.io/v1", "Ingress", "ingresses");

    private static final KindNames NAMES = new KindNames("route", "routes", "Ingress", "routes",
            "Routes: Ingresses of class higress, or Gateway API HTTPRoutes");

    /** What manifests and export move: both types. Writes and reads go through {@link #kubernetes(Cluster)}. */
    private static final KubernetesForm<RouteSpec> TYPES = new KubernetesRouteForm(null);
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
        return TYPES;
    }

    /** In one cluster: Ingresses or HTTPRoutes, as its {@code routes-api} and {@code gateway-parent} say. */
    @Override
    public KubernetesForm<RouteSpec> kubernetes(Cluster cluster) {
        return new KubernetesRouteForm(cluster);
    }

    /** The query may give the body's {@code api}. */
    @Override
    public Set<WriteOption> writeOptions() {
        return EnumSet.of(WriteOption.API);
    }

    /** The API a route is held in is the cluster's choice: a route in an Ingress and in an HTTPRoute is the same. */
    @Override
    public JsonNode acrossStores(RouteSpec spec) {
        return Json.tree(spec.withApi(null));
    }

    /** An HTTPRoute's parents are the cluster's {@code gateway-parent}: routes compare on the route's fields. */
    @Override
    public boolean comparesModels() {
        return true;
    }

    /** Copied back into a PUT, a read's {@code api} must move nothing: it is in the item only where all agree. */
    @Override
    public List<String> perCluster() {
        return List.of(API);
    }

    @Override
    public Optional<Form<RouteSpec>> console() {
        return Optional.of(console);
    }
}
