package io.higress.fleet.admin.configdump;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One element of {@code configs[]}.
 *
 * @param type        the full {@code @type}; null if missing
 * @param kind        the last segment of it ({@code ClustersConfigDump}, ...), unknown types kept as they are;
 *                    {@code unknown} without {@code @type}
 * @param versionInfo the section's {@code version_info} (clusters and listeners have one); null otherwise
 */
@RegisterForReflection
public record ConfigSection(String type, String kind, String versionInfo, List<ResourceSummary> resources) {

    public static final String BOOTSTRAP = "BootstrapConfigDump";
    public static final String CLUSTERS = "ClustersConfigDump";
    public static final String LISTENERS = "ListenersConfigDump";
    public static final String ROUTES = "RoutesConfigDump";
    public static final String SCOPED_ROUTES = "ScopedRoutesConfigDump";
    public static final String SECRETS = "SecretsConfigDump";
    public static final String ENDPOINTS = "EndpointsConfigDump";
    public static final String ECDS = "EcdsConfigDump";

    static String kindOf(String type) {
        if (type == null || type.isEmpty()) {
            return "unknown";
        }
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('/')) + 1);
    }
}
