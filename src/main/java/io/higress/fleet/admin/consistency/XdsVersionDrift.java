package io.higress.fleet.admin.consistency;

import io.higress.fleet.admin.configdump.ConfigDumpSummary;
import io.higress.fleet.admin.configdump.ConfigSection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which xDS version each gateway applied, per config_dump section that prints one ({@code version_info}): the
 * gateways grouped by version, and the outliers that differ from the most common version. Content hashes
 * ({@link ConsistencyAnalyzer}) say whether the configuration differs; versions say whether a gateway lags behind
 * or is ahead of the control plane.
 *
 * @param groups   the gateways of each version, most common first (shaped like the content hashes' groups)
 * @param outliers gateways not on the most common version
 */
@RegisterForReflection
public record XdsVersionDrift(String section, String majorityVersion, List<VersionGroup> groups,
        List<GatewayRef> outliers) {

    @RegisterForReflection
    public record VersionGroup(String version, List<GatewayRef> gateways) {
    }


    public static List<XdsVersionDrift> of(Map<GatewayRef, ConfigDumpSummary> dumps) {
        Map<String, Map<String, List<GatewayRef>>> bySection = new TreeMap<>();
        dumps.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (ConfigSection s : e.getValue().sections()) {
                if (s.versionInfo() != null) {
                    bySection.computeIfAbsent(s.kind(), k -> new TreeMap<>())
                            .computeIfAbsent(s.versionInfo(), v -> new ArrayList<>()).add(e.getKey());
                }
            }
        });
        List<XdsVersionDrift> drifts = new ArrayList<>();
        bySection.forEach((section, byVersion) -> {
            // Most gateways first; on a tie the greatest version (the newest, as Higress versions sort by time).
            List<Map.Entry<String, List<GatewayRef>>> ordered = byVersion.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, List<GatewayRef>>>comparingInt(v -> -v.getValue().size())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .toList();
            List<VersionGroup> groups = ordered.stream().map(v -> new VersionGroup(v.getKey(), v.getValue())).toList();
            List<GatewayRef> outliers = ordered.stream().skip(1).flatMap(v -> v.getValue().stream()).sorted().toList();
            drifts.add(new XdsVersionDrift(section, ordered.get(0).getKey(), groups, outliers));
        });
        return drifts;
    }
}
