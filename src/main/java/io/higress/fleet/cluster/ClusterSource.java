package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a cluster's definition comes from, and so who may change it. */
public enum ClusterSource {
    /** The fleet file: read-only through the API, changed by editing the file and restarting. */
    CONFIG,
    /** A cluster Secret of the home namespace, written through {@code /api/v1/clusters}: every replica watches it. */
    API;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
