package io.higress.fleet.resources.gateway;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.GatewayApiKind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;

/**
 * Gateway API Gateways: {@code /api/v1/gateways}, one {@code gateway.networking.k8s.io/v1} Gateway each. The Higress
 * Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class GatewayKind extends GatewayApiKind<GatewayObjectSpec> {
    static final KubernetesType GATEWAY = GatewayApi.type("Gateway", "gateways");

    private static final KindNames NAMES = new KindNames("gateway", "gateways", "Gateway", "gateways",
            "Gateway API Gateways");

    /** Export order 36: after the TLS certificates its listeners name, before the routes. */
    public GatewayKind() {
        super(NAMES, GatewayObjectSpec.class, 36, GATEWAY, GatewayObjectSpec::spec, GatewayObjectSpec::new);
    }

    @Override
    public List<FieldError> validate(GatewayObjectSpec s) {
        return GatewayValidator.validate(s);
    }
}
