package io.higress.fleet.resources.grpcroute;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.GatewayApiKind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;

/**
 * Gateway API GRPCRoutes: {@code /api/v1/grpcroutes}, one {@code gateway.networking.k8s.io/v1} GRPCRoute each. The
 * Higress Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class GrpcRouteKind extends GatewayApiKind<GrpcRouteSpec> {
    static final KubernetesType GRPCROUTE = GatewayApi.type("GRPCRoute", "grpcroutes");

    private static final KindNames NAMES = new KindNames("grpcroute", "grpcroutes", "GRPCRoute", "grpcRoutes",
            "Gateway API gRPC routes: GRPCRoutes");

    /** Export order 43: routes after the Gateways they attach to. */
    public GrpcRouteKind() {
        super(NAMES, GrpcRouteSpec.class, 43, GRPCROUTE, GrpcRouteSpec::spec, GrpcRouteSpec::new);
    }

    @Override
    public List<FieldError> validate(GrpcRouteSpec s) {
        return GatewayApi.routeErrors(s, s.spec());
    }
}
