package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/** The whole {@code /clusters} answer reduced to host health, with totals over all clusters. */
@RegisterForReflection
public record ClustersHealth(List<ClusterHealth> clusters, HostHealthCounts totals) {

    static ClustersHealth of(List<ClusterHealth> clusters) {
        HostHealthCounts totals = HostHealthCounts.ZERO;
        for (ClusterHealth c : clusters) {
            totals = totals.plus(c.counts());
        }
        return new ClustersHealth(List.copyOf(clusters), totals);
    }

    public Optional<ClusterHealth> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
