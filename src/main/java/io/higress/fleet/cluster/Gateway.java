package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One gateway (an Envoy) of a cluster. {@code adminUrl} is set for direct admin access; port-forward gateways are
 * reached through the pod's name and namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gateway(String name, String namespace, Boolean ready, String phase, String podIP, String adminAccess,
        @JsonIgnore String adminUrl) {
}
