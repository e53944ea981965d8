package io.higress.fleet.resources.mcpsettings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Higress's global MCP settings, the {@code mcpServer} section of the ConfigMap {@code higress-config} (the console's
 * McpServerConfigMap without the servers): {@code enable}, {@code ssePathSuffix} ({@code sse_path_suffix}), and the
 * {@code redis} the mcp-server plugin keeps its sessions in (open_api servers need one). One object per cluster,
 * named {@code higress-config}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpSettingsSpec(String name, Boolean enable, String ssePathSuffix, Redis redis, String namespace)
        implements Spec {

    /** McpServerConfigMap.RedisConfig; {@code password} and {@code secret} are secrets. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Redis(String address, String username, String password, Integer db, String secret) {
    }
}
