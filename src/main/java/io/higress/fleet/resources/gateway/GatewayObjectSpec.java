package io.higress.fleet.resources.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A {@code gateway.networking.k8s.io/v1} Gateway (named GatewayObject in the OpenAPI document: {@code Gateway} there
 * is a discovered gateway pod): {@code {"name", "spec", "namespace"}}, {@code spec} the object's spec as the Gateway
 * API defines it (a Gateway: {@code spec.gatewayClassName}, {@code listeners} (name, port, protocol, hostname, tls),
 * {@code addresses}), modelled loosely: kept as given, checked where a mistake would be silent.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayObjectSpec(String name, Map<String, Object> spec, String namespace) implements Spec {
}
