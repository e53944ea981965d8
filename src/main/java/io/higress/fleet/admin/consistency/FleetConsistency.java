package io.higress.fleet.admin.consistency;

import io.higress.fleet.fanout.FleetItem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The consistency endpoint's answer: content drift per section ({@link ConsistencyReport}), applied xDS versions
 * per section, and the gateways left out because their config_dump could not be read.
 */
@RegisterForReflection
public record FleetConsistency(ConsistencyReport content, List<XdsVersionDrift> versions, List<FleetItem> unavailable) {
}
