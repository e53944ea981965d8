package io.higress.fleet.resources.grpcroute;

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
 * Gateway API GRPCRoutes: {@code /api/v1/grpcroutes}, one {@code gateway.networking.k8s.io/v1} GRPCRoute each. The
 * Higress Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class GrpcRouteKind implements Kind<GrpcRouteSpec> {
    static final KubernetesType GRPCROUTE = GatewayApi.type("GRPCRoute", "grpcroutes");

    private static final KindNames NAMES = new KindNames("grpcroute", "grpcroutes", "GRPCRoute", "grpcRoutes",
            "Gateway API gRPC routes: GRPCRoutes");

    private final KubernetesForm<GrpcRouteSpec> kubernetes =
            GatewayApi.form(GRPCROUTE, GrpcRouteSpec::spec, GrpcRouteSpec::new);

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<GrpcRouteSpec> specClass() {
        return GrpcRouteSpec.class;
    }

    @Override
    public List<FieldError> validate(GrpcRouteSpec s) {
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
        return 43;
    }

    @Override
    public KubernetesForm<GrpcRouteSpec> kubernetes() {
        return kubernetes;
    }
}
