package io.higress.fleet.resources.ai.provider;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.ai.ProviderEntry;
import io.higress.fleet.resources.ai.ProviderType;
import java.util.List;
import java.util.Optional;

/**
 * LLM providers ({@code /api/v1/ai/providers}): entries of the {@code ai-proxy} plugin and the service sources the
 * console creates for them ({@link KubernetesProviderForm}), or the console's {@code /v1/ai/providers}
 * ({@link ConsoleProviderForm}). docs/ai.md.
 */
public final class ProviderKind implements Kind<ProviderSpec> {
    private static final KindNames NAMES = new KindNames("ai/provider", "ai/providers", ProviderEntry.KIND,
            "aiProviders", "LLM providers: ai-proxy provider entries and their service sources");

    private final KubernetesProviderForm kubernetes = new KubernetesProviderForm();
    private final ConsoleProviderForm console = new ConsoleProviderForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<ProviderSpec> specClass() {
        return ProviderSpec.class;
    }

    @Override
    public List<FieldError> validate(ProviderSpec spec) {
        return new ProviderValidator().validate(spec);
    }

    /** After the service sources, with the plugins: the AI routes (50) use them. */
    @Override
    public int exportOrder() {
        return 35;
    }

    @Override
    public KubernetesForm<ProviderSpec> kubernetes() {
        return kubernetes;
    }

    /**
     * The types whose upstream service can change on an update (openai, ollama, claude, vllm: the console's
     * handlers with needSyncRouteAfterUpdate): the AI routes using the provider are written again after it.
     */
    @Override
    public boolean changesDerived(ProviderSpec spec) {
        return ProviderType.of(spec.type()).map(ProviderType::syncsRoutes).orElse(false);
    }

    @Override
    public Optional<Form<ProviderSpec>> console() {
        return Optional.of(console);
    }
}
