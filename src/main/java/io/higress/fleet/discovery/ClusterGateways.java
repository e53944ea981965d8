package io.higress.fleet.discovery;

import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What discovery knows of one cluster's gateways. After a failed listing the last good list is kept and
 * {@code error} says why it may be stale.
 */
@RegisterForReflection
public record ClusterGateways(List<Gateway> gateways, Instant listedAt, Problem error) {

    public long readyCount() {
        return gateways.stream().filter(g -> !Boolean.FALSE.equals(g.ready())).count();
    }
}
