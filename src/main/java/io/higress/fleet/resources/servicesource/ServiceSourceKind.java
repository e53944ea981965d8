package io.higress.fleet.resources.servicesource;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import java.util.List;
import java.util.Optional;

/**
 * Service sources ({@code /api/v1/service-sources}), as the console keeps them: registries of the McpBridge
 * {@code default} ({@link KubernetesSourceForm}), or the console's {@code /v1/service-sources}
 * ({@link ConsoleSourceForm}). Every registry type Higress has. docs/resources.md.
 */
public final class ServiceSourceKind implements Kind<ServiceSourceSpec> {
    private static final KindNames NAMES = new KindNames("service-source", "service-sources", "ServiceSource",
            "serviceSources", "Service sources: registries of the McpBridge default");

    private final KubernetesSourceForm kubernetes = new KubernetesSourceForm();
    private final ConsoleSourceForm console = new ConsoleSourceForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<ServiceSourceSpec> specClass() {
        return ServiceSourceSpec.class;
    }

    @Override
    public List<FieldError> validate(ServiceSourceSpec spec) {
        return new ServiceSourceValidator().validate(spec);
    }

    @Override
    public int exportOrder() {
        return 10;
    }

    @Override
    public KubernetesForm<ServiceSourceSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<ServiceSourceSpec>> console() {
        return Optional.of(console);
    }
}
