package io.higress.fleet.admin.configdump;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One resource of a config_dump section.
 *
 * @param group       the section field holding it, in snake_case: {@code dynamic_active_clusters},
 *                    {@code static_listeners}, {@code bootstrap}, ...
 * @param name        the resource name ({@code cluster.name}, {@code name}, {@code route_config.name},
 *                    {@code endpoint_config.cluster_name}, ...); {@code group[index]} if it has none
 * @param versionInfo the xDS version the gateway applied for it; null for static resources
 * @param lastUpdated when Envoy applied it; null if not printed
 * @param hash        canonical SHA-256 (hex) of the resource without {@code last_updated}/{@code version_info}
 */
@RegisterForReflection
public record ResourceSummary(String group, String name, String versionInfo, String lastUpdated, String hash) {

    /** {@code group/name}: unique within a section, used to compare gateways. */
    public String key() {
        return group + "/" + name;
    }
}
