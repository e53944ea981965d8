package io.higress.fleet.resources.httproute;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import java.util.ArrayList;
import java.util.List;

/**
 * Gateway API HTTPRoutes: {@code /api/v1/httproutes}, one {@code gateway.networking.k8s.io/v1} HTTPRoute each. The
 * Higress Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class HttpRouteKind implements Kind<HttpRouteSpec> {
    static final KubernetesType HTTPROUTE = GatewayApi.type("HTTPRoute", "httproutes");

    private static final KindNames NAMES = new KindNames("httproute", "httproutes", "HTTPRoute", "httpRoutes",
            "Gateway API HTTP routes: HTTPRoutes");

    private final KubernetesForm<HttpRouteSpec> kubernetes =
            GatewayApi.form(HTTPROUTE, HttpRouteSpec::spec, HttpRouteSpec::new);

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<HttpRouteSpec> specClass() {
        return HttpRouteSpec.class;
    }

    @Override
    public List<FieldError> validate(HttpRouteSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", s.name());
        c.namespace("namespace", s.namespace());
        GatewayApi.routeChecks(c, s.spec());
        return errors;
    }

    /** Routes after the Gateways they attach to. */
    @Override
    public int exportOrder() {
        return 42;
    }

    @Override
    public KubernetesForm<HttpRouteSpec> kubernetes() {
        return kubernetes;
    }
}
