package io.higress.fleet.resources.consumer;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import java.util.List;
import java.util.Optional;

/**
 * Consumers ({@code /api/v1/consumers}): entries of the key-auth plugin's consumer list
 * ({@link KubernetesConsumerForm}), or the console's {@code /v1/consumers} ({@link ConsoleConsumerForm}).
 * docs/ai.md.
 */
public final class ConsumerKind implements Kind<ConsumerSpec> {
    private static final KindNames NAMES = new KindNames("consumer", "consumers", "Consumer", "consumers",
            "Consumers: key-auth credentials in the key-auth plugin's consumer list");

    private final KubernetesConsumerForm kubernetes = new KubernetesConsumerForm();
    private final ConsoleConsumerForm console = new ConsoleConsumerForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<ConsumerSpec> specClass() {
        return ConsumerSpec.class;
    }

    @Override
    public List<FieldError> validate(ConsumerSpec spec) {
        return new ConsumerValidator().validate(spec);
    }

    /** Beside the plugins: a consumer is an entry in key-auth.internal, which export writes with the WasmPlugins. */
    @Override
    public int exportOrder() {
        return 32;
    }

    @Override
    public KubernetesForm<ConsumerSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<ConsumerSpec>> console() {
        return Optional.of(console);
    }
}
