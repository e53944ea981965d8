package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.mcpserver.McpServerSpec.ConsumerAuthInfo;
import io.higress.fleet.resources.mcpserver.McpServerSpec.DbConfig;
import io.higress.fleet.resources.mcpserver.McpServerSpec.DirectRouteConfig;
import io.higress.fleet.resources.shared.ConsoleYaml;
import io.higress.fleet.resources.shared.HigressConfig;
import io.higress.fleet.resources.shared.KeyAuthConsumers;
import io.higress.fleet.resources.shared.PluginInstances;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An MCP server read back from its route's Ingress, its instances and {@code higress-config}, as the console's
 * detail strategies read it (McpServerHelper.routeToMcpServer; OpenApiDetailStrategy: the {@code mcp-server}
 * instance's configuration as YAML; DatabaseDetailStrategy: the DSN of its {@code servers} entry;
 * DirectRoutingDetailStrategy: the rewrite path, with the SSE suffix joined back for {@code sse}). The database
 * tools the console lists as a database server's {@code rawConfigurations} are generated on read and not kept.
 */
final class McpServerReads {
    private McpServerReads() {
    }

    /** The server the objects hold, or null when the Ingress is none of an MCP server's. */
    static McpServerSpec spec(StoredObject ingress, StoredObject mcpPlugin, StoredObject keyAuth,
            HigressConfig config, String namespace) {
        if (ingress == null || !McpServerObjects.isMcpRoute(ingress.body())) {
            return null;
        }
        JsonNode meta = ingress.body().path("metadata");
        String route = ingress.address().name();
        String name = McpServerObjects.serverName(route);
        McpServerType type = McpServerType.named(meta.path("labels").path(McpServerObjects.TYPE_LABEL).asText(""))
                .orElse(null);
        if (name == null || type == null) {
            return null;
        }
        JsonNode annotations = meta.path("annotations");
        List<String> domains = McpServerObjects.domains(ingress.body());
        String raw = null;
        if (type == McpServerType.OPEN_API && mcpPlugin != null) {
            PluginInstances.Instance i = PluginInstances.get(mcpPlugin.body(), Targets.route(route));
            raw = i == null ? null : ConsoleYaml.of(i.config());
        }
        String dbType = null;
        DbConfig db = null;
        Map<?, ?> server = config == null ? null : config.serverConfig(name);
        if (type == McpServerType.DATABASE && server != null && server.get("dbType") != null) {
            DbType t = DbType.of(server.get("dbType").toString()).orElse(null);
            dbType = t == null ? server.get("dbType").toString() : t.value;
            db = t == null || server.get("dsn") == null ? null : DbDsn.parse(server.get("dsn").toString(), t);
        }
        DirectRouteConfig direct = null;
        if (type == McpServerType.DIRECT_ROUTE) {
            String transport = annotations.path(McpServerObjects.TRANSPORT).asText(null);
            String path = annotations.path(McpServerObjects.REWRITE_PATH).asText(null);
            if (McpServerObjects.SSE.equals(transport) && config != null) {
                path = joinPath(path, config.ssePathSuffix());
            }
            direct = new DirectRouteConfig(path, transport);
        }
        return new McpServerSpec(name, annotations.path(McpServerObjects.DESCRIPTION).asText(null), type.value,
                domains.isEmpty() ? null : domains,
                McpServerObjects.services(annotations.path(McpServerObjects.DESTINATION).asText(null)),
                auth(keyAuth, route), raw, dbType, db, direct, namespace);
    }

    /** The key-auth instance at the route (RouteServiceImpl's authConfig), or null when there is none. */
    private static ConsumerAuthInfo auth(StoredObject keyAuth, String route) {
        PluginInstances.Instance i = keyAuth == null ? null : PluginInstances.get(keyAuth.body(), Targets.route(route));
        if (i == null) {
            return null;
        }
        List<String> allowed = null;
        if (i.config().get(KeyAuthConsumers.ALLOW) instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            allowed = new ArrayList<>();
            for (JsonNode n : a) {
                allowed.add(n.asText());
            }
        }
        return new ConsumerAuthInfo(McpServerValidator.KEY_AUTH, i.enabled(), allowed);
    }

    /** joinPath: exactly one '/' between; a root prefix gives the suffix alone. */
    static String joinPath(String prefix, String suffix) {
        if (suffix == null || suffix.isBlank()) {
            return prefix;
        }
        if (prefix == null || prefix.isBlank()) {
            return suffix;
        }
        String trimmed = prefix.replaceAll("/+$", "");
        String normalized = suffix.startsWith("/") ? suffix : "/" + suffix;
        return trimmed.isEmpty() ? normalized : trimmed + normalized;
    }

    /** The server as {@code higress-config} holds it, for the ConfigMap of a copy. */
    static HigressConfig config(StoredObject configMap) {
        if (configMap == null) {
            return null;
        }
        try {
            return HigressConfig.of((ObjectNode) configMap.body());
        } catch (io.higress.fleet.problem.ProblemException e) {
            return null;
        }
    }
}
