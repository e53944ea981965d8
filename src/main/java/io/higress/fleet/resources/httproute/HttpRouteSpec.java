package io.higress.fleet.resources.httproute;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A {@code gateway.networking.k8s.io/v1} HTTPRoute: {@code {"name", "spec", "namespace"}}, {@code spec} the object's
 * spec as the Gateway API defines it (an HTTPRoute: {@code spec.parentRefs} (the Gateways it attaches to), {@code
 * hostnames}, {@code rules} (matches, filters, {@code backendRefs})), modelled loosely: kept as given, checked where a
 * mistake would be silent.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpRouteSpec(String name, Map<String, Object> spec, String namespace) implements Spec {
}
