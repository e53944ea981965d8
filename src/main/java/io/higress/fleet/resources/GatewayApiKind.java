package io.higress.fleet.resources;

import java.util.Map;
import java.util.function.Function;

/**
 * A Gateway API kind ({@link GatewayApi}): names, spec class, export order and the one-object form; the kind's own
 * class adds its validation.
 */
public abstract class GatewayApiKind<S extends Spec> implements Kind<S> {
    private final KindNames names;
    private final Class<S> specClass;
    private final int exportOrder;
    private final KubernetesForm<S> kubernetes;

    protected GatewayApiKind(KindNames names, Class<S> specClass, int exportOrder, KubernetesType type,
            Function<S, Map<String, Object>> specOf, GatewayApi.SpecOf<S> of) {
        this.names = names;
        this.specClass = specClass;
        this.exportOrder = exportOrder;
        this.kubernetes = GatewayApi.form(type, specOf, of);
    }

    @Override
    public final KindNames names() {
        return names;
    }

    @Override
    public final Class<S> specClass() {
        return specClass;
    }

    @Override
    public final int exportOrder() {
        return exportOrder;
    }

    @Override
    public final KubernetesForm<S> kubernetes() {
        return kubernetes;
    }
}
