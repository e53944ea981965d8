package io.higress.fleet.cluster;

import java.util.List;

/** Stops startup: the fleet file has mistakes. The message lists every one, each with its key. */
public class FleetConfigurationException extends RuntimeException {
    public FleetConfigurationException(List<String> errors) {
        super("Invalid fleet configuration:\n  - " + String.join("\n  - ", errors), null, false, false);
    }
}
