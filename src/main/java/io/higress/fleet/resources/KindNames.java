package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a kind is called: {@code singular} and {@code plural} in the API ({@code /api/v1/<plural>}), {@code kind} in
 * write results, rollout locks and messages (the Kubernetes kind it is known by, e.g. {@code Ingress}),
 * {@code rolloutField} the list in a rollout body, {@code title} for documentation.
 */
@RegisterForReflection
public record KindNames(String singular, String plural, String kind, String rolloutField, String title) {

    public String path() {
        return "/api/v1/" + plural;
    }
}
