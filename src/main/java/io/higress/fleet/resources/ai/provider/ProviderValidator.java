package io.higress.fleet.resources.ai.provider;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.ai.InvalidProvider;
import io.higress.fleet.resources.ai.ProviderType;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a (merged) provider before any cluster is called, with what the console would refuse at write time too:
 * the type's required raw configurations and a usable endpoint ({@link Providers#entry}).
 */
final class ProviderValidator {

    List<FieldError> validate(ProviderSpec p) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        // The name becomes the service source llm-<name>.internal and the host llm-<name>.internal.dns.
        c.label("name", p.name());
        c.namespace("namespace", p.namespace());
        ProviderType type = null;
        if (c.required("type", p.type())) {
            type = ProviderType.of(p.type()).orElse(null);
            if (type == null) {
                c.fail("type", "unknown provider type '" + p.type() + "': one of "
                        + String.join(", ", ProviderType.names()));
            }
        }
        if (p.protocol() != null && !List.of("openai/v1", "original").contains(p.protocol())) {
            c.fail("protocol", "must be openai/v1 or original");
        }
        if (p.tokens() != null) {
            for (int i = 0; i < p.tokens().size(); i++) {
                c.required("tokens[" + i + "]", p.tokens().get(i));
            }
        }
        ProviderSpec.TokenFailover f = p.tokenFailoverConfig();
        if (f != null) {
            nonNegative(c, "tokenFailoverConfig.failureThreshold", f.failureThreshold());
            nonNegative(c, "tokenFailoverConfig.successThreshold", f.successThreshold());
            nonNegative(c, "tokenFailoverConfig.healthCheckInterval", f.healthCheckInterval());
            nonNegative(c, "tokenFailoverConfig.healthCheckTimeout", f.healthCheckTimeout());
        }
        if (p.proxyName() != null && !Names.isDns1123Label(p.proxyName())) {
            c.fail("proxyName", "must name a proxy server (a DNS-1123 label)");
        }
        if (type != null && errors.isEmpty()) {
            try {
                Providers.derived(p.name(), Providers.entry(p));
            } catch (InvalidProvider e) {
                c.fail(e.field(), e.getMessage());
            }
        }
        return errors;
    }

    private static void nonNegative(FieldChecks c, String field, Integer v) {
        if (v != null && v < 0) {
            c.fail(field, "must not be negative");
        }
    }
}
