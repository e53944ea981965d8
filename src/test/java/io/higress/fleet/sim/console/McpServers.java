package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's {@code /v1/mcpServer} (McpServerController, McpServiceContextImpl and its save and detail
 * strategies), on the state the console keeps in its cluster: {@code PUT /v1/mcpServer} saves the route first
 * (Route.validate: name and services required; an SSE direct route's path not ending in the SSE suffix is a
 * BusinessException, 500, before anything is saved), then initialises higress-config's mcpServer section (a
 * placeholder Redis) and runs the type's strategy: an open_api server with the placeholder Redis is a 400 AFTER its
 * route was saved (as the console does); a database server's dbConfig is checked and kept as its DSN; then the
 * allow list is replaced. The answer is the body, enveloped. A type the console's enum lacks is a 400 (Jackson), no
 * type a 500. GET answers the detail (a database server's password included, and its generated tools), 502 for a
 * missing server; the list has no details; DELETE is 204, a missing server too. {@code /v1/mcpServer/consumers}:
 * PUT adds, DELETE removes allow-list entries, GET lists them.
 */
final class McpServers {
    static final String PLACEHOLDER = "your.redis.host:6379";
    private static final Set<String> TYPES = Set.of("OPEN_API", "DATABASE", "DIRECT_ROUTE");
    private static final Set<String> DB_TYPES = Set.of("MYSQL", "POSTGRESQL", "SQLITE", "CLICKHOUSE");

    private final Map<String, ObjectNode> servers = new TreeMap<>();
    private final ConsoleConsumers consumers;
    private String redis;
    private String ssePathSuffix = "/sse";

    McpServers(ConsoleConsumers consumers) {
        this.consumers = consumers;
    }

    synchronized ConsoleAnswer handle(String method, String name, JsonNode body, String query) {
        if ("consumers".equals(name)) {
            return allowList(method, body, query);
        }
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "PUT" -> save(body);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> servers.containsKey(name) ? envelope(detail(servers.get(name)))
                    : error(502, ConsoleAnswer.NOT_FOUND + "can't found the bound route by name: mcp-server-" + name
                    + ".internal");
            case "DELETE" -> {
                servers.remove(name);
                consumers.allow(route(name), List.of());
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    /** The list: McpServerHelper.routeToMcpServer of each route, without the type's details. */
    synchronized List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        servers.values().forEach(s -> {
            ObjectNode listed = detail(s);
            listed.remove(List.of("rawConfigurations", "dbConfig", "dbType", "directRouteConfig"));
            out.add(listed);
        });
        return out;
    }

    synchronized ObjectNode stored(String name) {
        return servers.get(name) == null ? null : servers.get(name).deepCopy();
    }

    synchronized void redis(String address) {
        this.redis = address;
    }

    synchronized void clear() {
        servers.clear();
        redis = null;
        ssePathSuffix = "/sse";
    }

    private static String route(String name) {
        return "mcp-server-" + name + ".internal";
    }

    private ConsoleAnswer save(JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        ObjectNode s = ((ObjectNode) body).deepCopy();
        String type = s.path("type").asText(null);
        if (type != null && !TYPES.contains(type)) {
            return error(400, "org.springframework.http.converter.HttpMessageNotReadableException: JSON parse "
                    + "error: Cannot deserialize value of type McpServerTypeEnum from String \"" + type + "\"");
        }
        if (type == null) {
            return error(500, ConsoleAnswer.BUSINESS + "No McpServerService implementation found to support mcp type: "
                    + "null");
        }
        String name = s.path("name").asText("");
        if (name.isBlank()) {
            return invalid("name cannot be blank.");
        }
        if (!s.path("services").isArray() || s.get("services").isEmpty()) {
            return invalid("services cannot be empty.");
        }
        JsonNode direct = s.path("directRouteConfig");
        if (type.equals("DIRECT_ROUTE") && direct.isObject()
                && !"streamable".equalsIgnoreCase(direct.path("transportType").asText())
                && !direct.path("path").asText("").endsWith(ssePathSuffix)) {
            return error(500, ConsoleAnswer.BUSINESS + "The path of direct route config must end with "
                    + ssePathSuffix);
        }
        servers.put(name, s); // saveRoute: the route is written before the type's configuration is checked
        if (redis == null) {
            redis = PLACEHOLDER; // initMcpServerConfig
        }
        if (type.equals("OPEN_API") && PLACEHOLDER.equals(redis)) {
            s.remove("rawConfigurations"); // no instance: the route stays, without tools
            return invalid("OpenAI to MCP functionality requires Redis configuration, but Redis address is still a "
                    + "placeholder. Please modify Redis configuration in higress-config, otherwise OpenAI to MCP "
                    + "functionality will be unavailable.");
        }
        if (type.equals("DATABASE")) {
            String dbType = s.path("dbType").asText(null);
            JsonNode db = s.path("dbConfig");
            if (dbType == null || !DB_TYPES.contains(dbType)) {
                return error(500, ConsoleAnswer.BUSINESS + "Error occurs when add or update mcp servers config: ");
            }
            if (!db.isObject() || (!dbType.equals("SQLITE") && db.path("host").asText("").isBlank())) {
                return error(500, "java.lang.IllegalArgumentException: " + (db.isObject() ? "host must not be empty"
                        : "config must not be null"));
            }
        }
        JsonNode auth = s.path("consumerAuthInfo");
        if (auth.isObject()) {
            List<String> allowed = new ArrayList<>();
            auth.path("allowedConsumers").forEach(c -> allowed.add(c.asText()));
            consumers.allow(route(name), allowed);
        }
        return envelope(body);
    }

    /** The detail strategies' answer: a database server's tools generated, its DSN read back (password included). */
    private ObjectNode detail(ObjectNode s) {
        ObjectNode out = s.deepCopy();
        if (!out.has("domains")) {
            out.putArray("domains");
        }
        if ("DATABASE".equals(out.path("type").asText())) {
            out.put("rawConfigurations", "server: \"" + out.path("name").asText() + "\"\ntools:\n- name: \"query\"\n");
        }
        if (out.path("consumerAuthInfo").isObject() && !out.path("consumerAuthInfo").has("enable")) {
            ((ObjectNode) out.get("consumerAuthInfo")).put("enable", false);
        }
        return out;
    }

    private ConsoleAnswer allowList(String method, JsonNode body, String query) {
        if (method.equals("GET")) {
            String server = query == null ? null : query.replaceAll(".*mcpServerName=([^&]*).*", "$1");
            if (server == null || server.isBlank() || !servers.containsKey(server)) {
                return invalid("mcpServerName is empty");
            }
            ArrayNode items = ConsoleSimulator.JSON.createArrayNode();
            servers.get(server).path("consumerAuthInfo").path("allowedConsumers").forEach(c -> items.addObject()
                    .put("mcpServerName", route(server)).put("consumerName", c.asText()));
            ObjectNode page = ConsoleSimulator.JSON.createObjectNode().put("success", true).putNull("message");
            page.set("data", items);
            page.put("total", items.size());
            return ConsoleAnswer.raw(200, page);
        }
        String server = body == null ? null : body.path("mcpServerName").asText(null);
        ObjectNode s = server == null ? null : servers.get(server);
        if (s == null) {
            return error(500, ConsoleAnswer.BUSINESS + "No MCP-bound route is found. McpServerName=" + server);
        }
        Set<String> allowed = new LinkedHashSet<>();
        s.path("consumerAuthInfo").path("allowedConsumers").forEach(c -> allowed.add(c.asText()));
        List<String> given = new ArrayList<>();
        body.path("consumers").forEach(c -> given.add(c.asText()));
        if (method.equals("PUT")) {
            allowed.addAll(given);
        } else if (method.equals("DELETE")) {
            given.forEach(allowed::remove);
        } else {
            return empty(405);
        }
        ArrayNode list = s.with("consumerAuthInfo").putArray("allowedConsumers");
        allowed.forEach(list::add);
        consumers.allow(route(server), new ArrayList<>(allowed));
        return empty(204);
    }
}
