package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * An MCP server, the Higress Console's McpServer: {@code type} {@code open_api} (tools described by
 * {@code rawConfigurations}, served by the {@code mcp-server} plugin), {@code database} ({@code dbType} and
 * {@code dbConfig}: a server of Higress's {@code higress-config}) or {@code direct_route} (an MCP server upstream,
 * {@code directRouteConfig}); {@code domains} (none: every domain), {@code services} (the upstreams, as a route's),
 * {@code consumerAuthInfo} (the key-auth allow list of its route), {@code description}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerSpec(
        String name,
        String description,
        String type,
        List<String> domains,
        List<Service> services,
        ConsumerAuthInfo consumerAuthInfo,
        String rawConfigurations,
        String dbType,
        DbConfig dbConfig,
        DirectRouteConfig directRouteConfig,
        String namespace) implements Spec {

    /** The console's UpstreamService: {@code name} as the console lists services ({@code svc.ns.svc.cluster.local}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String name, Integer port, String version, Integer weight) {
    }

    /** Who may call the server: {@code enable}d, {@code type} {@code key-auth}, the allowed consumers. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsumerAuthInfo(String type, Boolean enable, List<String> allowedConsumers) {
    }

    /** The console's McpServerDBConfig; {@code password} is a secret. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DbConfig(String host, String port, String username, String password, String dbname,
            Map<String, Object> otherParams) {
    }

    /** The upstream MCP server's {@code path} and {@code transportType} ({@code sse} or {@code streamable}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectRouteConfig(String path, String transportType) {
    }
}
