package io.higress.fleet.resources.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The brief's Console-style route body (§3.2): {@code {"name","domain":[...],"paths":[...],"serviceName","servicePort"}}.
 * Paths ending in {@code /*} are prefixes, others exact. {@code namespace} is optional (the configured default).
 * Fields are nullable so that a PUT body can be merged onto an existing route; validate the result.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSpec(
        String name,
        List<String> domain,
        List<String> paths,
        String serviceName,
        Integer servicePort,
        String namespace) implements Spec {
}
