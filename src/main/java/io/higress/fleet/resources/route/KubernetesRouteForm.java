package io.higress.fleet.resources.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.GatewayParent;
import io.higress.fleet.cluster.RoutesApi;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.Validation;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.Planner;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route in one Kubernetes-managed cluster: the Ingress of its name ({@link RouteTranslator}) or the HTTPRoute of
 * its name ({@link HttpRouteTranslator}), whichever the write's {@code api} says, else the one the route is held in,
 * else the cluster's {@code routes-api}. A write in the other API than the route's moves it: the new object is
 * written first, then the old one deleted; if the delete fails the cluster's result is {@code partial} (both exist,
 * the Ingress reads as the route) and the same request finishes the move.
 * <p>
 * The route is the objects the fleet wrote as it: an Ingress with the fleet's label, an HTTPRoute with the label and
 * {@code higress-fleet.io/form: route} (objects written through {@code /api/v1/httproutes} carry the label only).
 * Where neither is, the Ingress (else the HTTPRoute) of the name reads as an unmanaged route (force to take it over).
 * The other object of the name, when someone else's, is no part of the route: writes and deletes leave it alone, and
 * a write that would put the route in its API is a 409 naming it, unless {@code force} takes it over. A cluster
 * without the Gateway API's CRDs lists no HTTPRoutes.
 */
final class KubernetesRouteForm implements KubernetesForm<RouteSpec> {

    private final String cluster;
    private final RoutesApi defaultApi;
    private final GatewayParent parent;

    /**
     * The route in {@code cluster}: its {@code routes-api} and {@code gateway-parent}. Null: in no cluster (the kind's
     * types for manifests and export, and the write limits' look at the namespace): Ingresses, no parent.
     */
    KubernetesRouteForm(Cluster cluster) {
        this.cluster = cluster == null ? null : cluster.name();
        this.defaultApi = cluster == null ? RoutesApi.INGRESS : cluster.config().routesApi();
        this.parent = cluster == null ? null : cluster.gatewayParent();
    }

    @Override
    public List<KubernetesType> types() {
        return List.of(RouteKind.INGRESS, HttpRouteTranslator.HTTPROUTE);
    }

    /** The Ingress and the HTTPRoute of the name, read at the same time. */
    @Override
    public Uni<Copy<RouteSpec>> read(StoreReads reads, String namespace, String name, RouteSpec desired) {
        return Uni.combine().all().unis(reads.get(RouteKind.INGRESS.address(namespace, name)),
                        reads.get(HttpRouteTranslator.HTTPROUTE.address(namespace, name)))
                .with((ingress, httpRoute) -> copy(namespace, name, ingress, httpRoute));
    }

    @Override
    public Uni<List<Copy<RouteSpec>>> list(StoreReads reads, String namespace) {
        return Uni.combine().all().unis(reads.list(RouteKind.INGRESS, namespace),
                        reads.list(HttpRouteTranslator.HTTPROUTE, namespace)
                                .onFailure(KubernetesRouteForm::noGatewayApi).recoverWithItem(List.of()))
                .with((ingresses, httpRoutes) -> {
                    Map<String, StoredObject[]> byName = new LinkedHashMap<>();
                    ingresses.forEach(o -> byName.computeIfAbsent(o.address().name(), k -> new StoredObject[2])[0] = o);
                    httpRoutes.forEach(o -> byName.computeIfAbsent(o.address().name(), k -> new StoredObject[2])[1] = o);
                    List<Copy<RouteSpec>> copies = new ArrayList<>();
                    byName.forEach((name, o) -> copies.add(copy(namespace, name, o[0], o[1])));
                    return copies;
                });
    }

    /** The API server has no HTTPRoute type (the Gateway API's CRDs are not installed): no HTTPRoutes. */
    private static boolean noGatewayApi(Throwable t) {
        return t instanceof ProblemException p && p.problem().upstream() != null
                && Integer.valueOf(404).equals(p.problem().upstream().status());
    }

    /**
     * The route of the name: the objects the fleet wrote as it (the Ingress with its label, the HTTPRoute with its
     * label and {@code higress-fleet.io/form: route}; both only midway through a move, the Ingress read first); where
     * there is none, the Ingress, else the HTTPRoute, as an unmanaged route. The other object of the name, if
     * someone else's, is not the route's ({@link Copy#others}): writes leave it alone, and writing the route in its
     * API is a 409 naming it unless {@code force}.
     */
    private static Copy<RouteSpec> copy(String namespace, String name, StoredObject ingress, StoredObject httpRoute) {
        if (ingress == null && httpRoute == null) {
            return Copy.absent(namespace, name, List.of());
        }
        boolean ingressOurs = ingress != null && Ownership.isManaged(ingress.body());
        boolean httpRouteOurs = httpRoute != null && HttpRouteTranslator.isRoute(httpRoute.body());
        boolean managed = ingressOurs || httpRouteOurs;
        List<StoredObject> parts = new ArrayList<>();
        List<StoredObject> others = new ArrayList<>();
        if (ingress != null) {
            (ingressOurs || !managed ? parts : others).add(ingress);
        }
        if (httpRoute != null) {
            (httpRouteOurs || !managed && parts.isEmpty() ? parts : others).add(httpRoute);
        }
        StoredObject first = parts.get(0);
        RouteSpec spec = first.address().type().equals(RouteKind.INGRESS)
                ? new RouteTranslator(null).fromIngress(Json.MAPPER.convertValue(first.body(), Ingress.class))
                        .withApi(RoutesApi.INGRESS.wire())
                : HttpRouteTranslator.fromHttpRoute(first.body()).withApi(RoutesApi.GATEWAY.wire());
        return new Copy<>(namespace, name, spec, parts, List.of(), managed, first.version(), false, others);
    }

    /**
     * {@code HTTPRoute} where the write creates or keeps one (a delete: where the route is one), else
     * {@code Ingress}; where the write failed before its plan, the API it asked for, else the route's, else the
     * cluster's.
     */
    @Override
    public String resultKind(String kind, RouteSpec desired, Copy<RouteSpec> current, Planner.Plan plan) {
        if (plan != null) {
            var written = plan.ops().stream().filter(op -> op.action() != Planner.Action.DELETE).findFirst();
            if (written.isPresent()) {
                return written.get().address().type().label();
            }
        }
        if (current != null && !current.parts().isEmpty()) {
            // a retry finishing a move deletes one of two: the route is what stays
            List<ObjectAddress> deleted = plan == null ? List.of() : plan.ops().stream()
                    .filter(op -> op.action() == Planner.Action.DELETE).map(Planner.Op::address).toList();
            return current.parts().stream().map(StoredObject::address).filter(a -> !deleted.contains(a)).findFirst()
                    .orElse(current.parts().get(0).address()).type().label();
        }
        RoutesApi api = desired != null && desired.api() != null ? RoutesApi.parse(desired.api()) : defaultApi;
        return (api == RoutesApi.GATEWAY ? HttpRouteTranslator.HTTPROUTE : RouteKind.INGRESS).label();
    }

    @Override
    public List<Part> parts(RouteSpec spec, String namespace, Copy<RouteSpec> current) {
        String ns = spec.namespace() != null ? spec.namespace() : namespace;
        RoutesApi api = spec.api() != null ? RoutesApi.parse(spec.api())
                : current.exists() ? RoutesApi.parse(current.spec().api()) : defaultApi;
        if (api == null) { // never a guess: an unknown API is no HTTPRoute
            throw new ProblemException(Problem.invalid(RouteKind.API, "must be ingress or gateway (cluster "
                    + cluster + ")"));
        }
        if (api == RoutesApi.INGRESS) {
            ObjectNode ingress = (ObjectNode) Json.tree(new RouteTranslator(ns).toIngress(spec));
            return List.of(new Part(RouteKind.INGRESS.address(ns, spec.name()), ingress, null));
        }
        ObjectAddress address = HttpRouteTranslator.HTTPROUTE.address(ns, spec.name());
        ObjectNode now = java.util.stream.Stream.concat(current.parts().stream(), current.others().stream())
                .filter(p -> p.address().equals(address)).findFirst().map(StoredObject::body).orElse(null);
        if (parent == null && !HttpRouteTranslator.hasParents(now)) {
            throw new ProblemException(Problem.invalid("api", "cluster " + cluster + " has no gateway-parent, the "
                    + "Gateway an HTTPRoute attaches to: set fleet.clusters." + cluster + ".gateway-parent "
                    + "(namespace/name), or write the route as an Ingress there"));
        }
        Validation.throwIfAny(HttpRouteTranslator.inexpressible(spec, cluster));
        return List.of(new Part(address, HttpRouteTranslator.toHttpRoute(spec, ns, parent, now), null));
    }
}
