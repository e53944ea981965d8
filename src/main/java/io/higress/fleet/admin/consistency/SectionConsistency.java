package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Drift of one section ({@code listeners}, {@code routes}, {@code clusters}, {@code secrets}) across the fleet.
 *
 * @param consistent                 every gateway has the same hash
 * @param fleetMajorityHash          the hash most gateways have (ties: the smallest hash)
 * @param groups                     gateways grouped by hash, largest group first
 * @param outliers                   gateways that differ from their own cluster's majority
 * @param clustersDifferingFromFleet clusters whose majority differs from the fleet majority
 * @param differingResources         resources missing on some gateways or with different content
 */
@RegisterForReflection
public record SectionConsistency(String section, boolean consistent, String fleetMajorityHash,
        List<HashGroup> groups, List<ClusterConsistency> clusters, List<GatewayRef> outliers,
        List<String> clustersDifferingFromFleet, List<ResourceDrift> differingResources) {
}
