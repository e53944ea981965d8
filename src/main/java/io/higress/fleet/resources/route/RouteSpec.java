package io.higress.fleet.resources.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The brief's Console-style route body (§3.2): {@code {"name","domain":[...],"paths":[...],"serviceName","servicePort"}}.
 * Paths ending in {@code /*} are prefixes, others exact. {@code namespace} is optional (the configured default).
 * {@code api}: the Kubernetes API the route is (to be) held in, {@code ingress} or {@code gateway} (an HTTPRoute);
 * reads say which, a write without it takes the cluster's {@code routes-api} (an existing route keeps its own).
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
        String namespace,
        @Schema(enumeration = {"ingress", "gateway"}, description = "networking.k8s.io/v1 Ingress or "
                + "gateway.networking.k8s.io/v1 HTTPRoute; default: the cluster's routes-api (an existing route keeps "
                + "its own). Reads say which the route's first cluster holds")
        String api) implements Spec {

    public RouteSpec(String name, List<String> domain, List<String> paths, String serviceName, Integer servicePort,
            String namespace) {
        this(name, domain, paths, serviceName, servicePort, namespace, null);
    }

    RouteSpec withApi(String api) {
        return new RouteSpec(name, domain, paths, serviceName, servicePort, namespace, api);
    }
}
