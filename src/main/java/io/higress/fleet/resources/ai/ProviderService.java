package io.higress.fleet.resources.ai;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The service an AI route sends a provider's traffic to: {@code llm-<provider>.internal.dns} and its port. */
@RegisterForReflection
public record ProviderService(String name, int port) {
}
