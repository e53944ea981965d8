package io.higress.fleet.resources.ai.route;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.Derivation;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.ai.ProviderEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * AI routes ({@code /api/v1/ai/routes}): the ConfigMap, Ingress(es), plugin instances and fallback EnvoyFilter the
 * console's AiRouteServiceImpl writes ({@link KubernetesAiRouteForm}), or the console's {@code /v1/ai/routes}
 * ({@link ConsoleAiRouteForm}). docs/ai.md.
 */
public final class AiRouteKind implements Kind<AiRouteSpec> {
    private static final KindNames NAMES = new KindNames("ai/route", "ai/routes", "AiRoute", "aiRoutes",
            "AI routes: the console's AI route ConfigMaps, Ingresses, plugin instances and fallback EnvoyFilters");

    private final KubernetesAiRouteForm kubernetes = new KubernetesAiRouteForm();
    private final ConsoleAiRouteForm console = new ConsoleAiRouteForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<AiRouteSpec> specClass() {
        return AiRouteSpec.class;
    }

    @Override
    public List<FieldError> validate(AiRouteSpec spec) {
        return new AiRouteValidator().validate(spec);
    }

    /** After the providers (35) whose services the routes send to, and after the plain routes. */
    @Override
    public int exportOrder() {
        return 50;
    }

    @Override
    public KubernetesForm<AiRouteSpec> kubernetes() {
        return kubernetes;
    }

    /**
     * A route's Ingress names its providers' upstream services: it is written again after a provider it uses changes
     * (syncRelatedAiRoutes: a provider of its upstreams, or of its fallback when enabled; none without upstreams).
     */
    @Override
    public Optional<Derivation<AiRouteSpec>> derivation() {
        return Optional.of(new Derivation<>(ProviderEntry.KIND, AiRouteKind::providers));
    }

    static Set<String> providers(AiRouteSpec spec) {
        Set<String> out = new TreeSet<>();
        if (spec.upstreams() == null || spec.upstreams().isEmpty()) {
            return out;
        }
        List<AiRouteSpec.AiUpstream> all = new ArrayList<>(spec.upstreams());
        var fallback = spec.fallbackConfig();
        if (fallback != null && Boolean.TRUE.equals(fallback.enabled()) && fallback.upstreams() != null) {
            all.addAll(fallback.upstreams());
        }
        all.stream().filter(u -> u != null && u.provider() != null).forEach(u -> out.add(u.provider()));
        return out;
    }

    @Override
    public Optional<Form<AiRouteSpec>> console() {
        return Optional.of(console);
    }
}
