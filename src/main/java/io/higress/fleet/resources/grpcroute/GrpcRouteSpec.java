package io.higress.fleet.resources.grpcroute;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A {@code gateway.networking.k8s.io/v1} GRPCRoute: {@code {"name", "spec", "namespace"}}, {@code spec} the object's
 * spec as the Gateway API defines it (a GRPCRoute: {@code spec.parentRefs}, {@code hostnames}, {@code rules}
 * (method/header matches, {@code backendRefs})), modelled loosely: kept as given, checked where a mistake would be
 * silent.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrpcRouteSpec(String name, Map<String, Object> spec, String namespace) implements Spec {
}
