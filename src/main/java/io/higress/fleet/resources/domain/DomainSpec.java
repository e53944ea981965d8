package io.higress.fleet.resources.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A domain as the Higress Console keeps it: {@code {"name": "example.com", "enableHttps": "off|on|force",
 * "certIdentifier": "<TLS certificate name>"}}. {@code name} is the host ({@code *.example.com} allowed);
 * {@code enableHttps} is {@code off} unless given; {@code on} and {@code force} need {@code certIdentifier}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainSpec(String name, String enableHttps, String certIdentifier, String namespace) implements Spec {
}
