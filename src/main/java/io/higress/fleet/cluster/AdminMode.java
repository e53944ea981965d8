package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code fleet.clusters.<c>.gateways.admin-mode}: how the gateways' Envoy admin is reached. */
public enum AdminMode {
    /** Through a Kubernetes port-forward to each gateway pod. */
    PORT_FORWARD,
    /** At the URLs listed in {@code gateways.direct}. */
    DIRECT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
