package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One gateway (an Envoy) of a cluster. {@code adminUrl} is set for direct admin access; port-forward gateways are
 * reached through the pod's name and namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Gateway(String name, String namespace, Boolean ready, String phase, String podIP, String adminAccess,
        @JsonIgnore String adminUrl) {
}
