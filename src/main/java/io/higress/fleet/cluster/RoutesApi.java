package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * {@code fleet.clusters.<c>.routes-api}: which Kubernetes API a cluster's routes are written in when a write does not
 * say: {@code networking.k8s.io/v1} Ingresses, or the Gateway API's {@code gateway.networking.k8s.io/v1} HTTPRoutes.
 */
public enum RoutesApi {
    INGRESS, GATEWAY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value as a write or the fleet file spells it ({@code ingress}, {@code gateway}), or null. */
    public static RoutesApi parse(String value) {
        for (RoutesApi a : values()) {
            if (a.wire().equals(value)) {
                return a;
            }
        }
        return null;
    }
}
