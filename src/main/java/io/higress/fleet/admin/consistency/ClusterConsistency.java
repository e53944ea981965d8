package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One Kubernetes cluster's view of a section.
 *
 * @param majorityHash the hash most of its gateways have (ties: the fleet majority if tied, else the smallest hash)
 * @param matchesFleet whether that is the fleet's majority hash
 * @param outliers     its gateways that differ from its majority
 */
@RegisterForReflection
public record ClusterConsistency(String cluster, String majorityHash, int gateways, boolean matchesFleet,
        List<GatewayRef> outliers) {
}
