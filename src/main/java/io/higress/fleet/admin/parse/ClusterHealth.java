package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host health of one Envoy cluster.
 *
 * @param flagCounts how many hosts carry each health flag
 */
@RegisterForReflection
public record ClusterHealth(String name, HostHealthCounts counts, Map<String, Integer> flagCounts,
        List<HostHealth> hosts) {

    static ClusterHealth of(String name, List<HostHealth> hosts) {
        int healthy = 0;
        Map<String, Integer> flagCounts = new TreeMap<>();
        for (HostHealth host : hosts) {
            if (host.healthy()) {
                healthy++;
            }
            for (String flag : host.flags()) {
                flagCounts.merge(flag, 1, Integer::sum);
            }
        }
        return new ClusterHealth(name, new HostHealthCounts(hosts.size(), healthy, hosts.size() - healthy),
                flagCounts, List.copyOf(hosts));
    }
}
