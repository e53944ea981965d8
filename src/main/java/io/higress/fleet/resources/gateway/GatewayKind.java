package io.higress.fleet.resources.gateway;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;

/**
 * Gateway API Gateways: {@code /api/v1/gateways}, one {@code gateway.networking.k8s.io/v1} Gateway each. The Higress
 * Console has no API for them: a console-managed cluster is a per-cluster 400.
 */
public final class GatewayKind implements Kind<GatewayObjectSpec> {
    static final KubernetesType GATEWAY = GatewayApi.type("Gateway", "gateways");

    private static final KindNames NAMES = new KindNames("gateway", "gateways", "Gateway", "gateways",
            "Gateway API Gateways");

    private final KubernetesForm<GatewayObjectSpec> kubernetes =
            GatewayApi.form(GATEWAY, GatewayObjectSpec::spec, GatewayObjectSpec::new);

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<GatewayObjectSpec> specClass() {
        return GatewayObjectSpec.class;
    }

    @Override
    public List<FieldError> validate(GatewayObjectSpec s) {
        return GatewayValidator.validate(s);
    }

    /** After the TLS certificates its listeners name, before the routes that attach to it. */
    @Override
    public int exportOrder() {
        return 36;
    }

    @Override
    public KubernetesForm<GatewayObjectSpec> kubernetes() {
        return kubernetes;
    }
}
