package io.higress.fleet.resources.httproute;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.GatewayApiKind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;

/**
 * Gateway API HTTPRoutes: {@code /api/v1/httproutes}, one {@code gateway.networking.k8s.io/v1} HTTPRoute each. The
 * Higress Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class HttpRouteKind extends GatewayApiKind<HttpRouteSpec> {
    static final KubernetesType HTTPROUTE = GatewayApi.type("HTTPRoute", "httproutes");

    private static final KindNames NAMES = new KindNames("httproute", "httproutes", "HTTPRoute", "httpRoutes",
            "Gateway API HTTP routes: HTTPRoutes");

    /** Export order 42: routes after the Gateways they attach to. */
    public HttpRouteKind() {
        super(NAMES, HttpRouteSpec.class, 42, HTTPROUTE, HttpRouteSpec::spec, HttpRouteSpec::new);
    }

    @Override
    public List<FieldError> validate(HttpRouteSpec s) {
        return GatewayApi.routeErrors(s, s.spec());
    }
}
