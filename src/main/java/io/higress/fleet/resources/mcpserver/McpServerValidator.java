package io.higress.fleet.resources.mcpserver;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.mcpserver.McpServerSpec.DbConfig;
import io.higress.fleet.resources.mcpserver.McpServerSpec.DirectRouteConfig;
import io.higress.fleet.resources.mcpserver.McpServerSpec.Service;
import io.higress.fleet.resources.shared.ConsoleYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a (merged) MCP server before any cluster is called: what the console refuses (Route.validate: services
 * required; McpServerTypeEnum; McpServerDBConfigValidator, field by field; the direct route's transport), and what it
 * would take and then ignore or fail on (a {@code dbConfig} of a server that is no database, unparsable
 * {@code rawConfigurations}, a credential type it has no handler for).
 */
final class McpServerValidator {
    static final String KEY_AUTH = "key-auth";
    static final Set<String> TRANSPORTS = Set.of(McpServerObjects.SSE, McpServerObjects.STREAMABLE);

    List<FieldError> validate(McpServerSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks f = new FieldChecks(errors);
        if (f.subdomain("name", s.name()) && s.name() != null
                && s.name().length() > 253 - McpServerObjects.ROUTE_AFFIXES) {
            f.fail("name", "is too long for its route mcp-server-<name>.internal");
        }
        f.namespace("namespace", s.namespace());
        McpServerType type = null;
        if (f.required("type", s.type())) {
            type = McpServerType.of(s.type()).orElse(null);
            if (type == null) {
                f.fail("type", "unknown MCP server type '" + s.type() + "': one of " + McpServerType.values(", "));
            }
        }
        if (s.domains() != null) {
            for (int i = 0; i < s.domains().size(); i++) {
                f.hostname("domains[" + i + "]", s.domains().get(i));
            }
            f.unique("domains", s.domains());
        }
        services(f, s.services());
        if (s.consumerAuthInfo() != null && f.required("consumerAuthInfo.type", s.consumerAuthInfo().type())
                && !KEY_AUTH.equals(s.consumerAuthInfo().type())) {
            f.fail("consumerAuthInfo.type", "unknown credential type '" + s.consumerAuthInfo().type()
                    + "': the console supports " + KEY_AUTH);
        }
        if (s.consumerAuthInfo() != null && s.consumerAuthInfo().allowedConsumers() != null) {
            List<String> consumers = s.consumerAuthInfo().allowedConsumers();
            for (int i = 0; i < consumers.size(); i++) {
                f.required("consumerAuthInfo.allowedConsumers[" + i + "]", consumers.get(i));
            }
            f.unique("consumerAuthInfo.allowedConsumers", consumers);
        }
        if (s.rawConfigurations() != null) {
            if (type != null && type != McpServerType.OPEN_API) {
                f.fail("rawConfigurations", "only an open_api server has tool configurations");
            } else if (ConsoleYaml.parse(s.rawConfigurations()) == null) {
                f.fail("rawConfigurations", "must be a YAML mapping (the mcp-server plugin's configuration)");
            }
        }
        if (type == McpServerType.DATABASE) {
            database(f, s.dbType(), s.dbConfig());
        } else {
            only(f, type, "dbType", s.dbType());
            only(f, type, "dbConfig", s.dbConfig());
        }
        if (type == McpServerType.DIRECT_ROUTE) {
            direct(f, s.directRouteConfig());
        } else {
            only(f, type, "directRouteConfig", s.directRouteConfig());
        }
        return errors;
    }

    private static void only(FieldChecks f, McpServerType type, String field, Object value) {
        if (value != null && type != null) {
            f.fail(field, "not for a server of type " + type.value);
        }
    }

    private static void services(FieldChecks f, List<Service> services) {
        if (!f.requiredList("services", services)) {
            return;
        }
        for (int i = 0; i < services.size(); i++) {
            String at = "services[" + i + "]";
            Service svc = services.get(i);
            if (svc == null) {
                f.fail(at, "is required");
                continue;
            }
            f.required(at + ".name", svc.name());
            if (svc.port() != null) {
                f.port(at + ".port", svc.port());
            }
            if (svc.weight() != null && (svc.weight() < 0 || svc.weight() > 100)) {
                f.fail(at + ".weight", "must be between 0 and 100");
            }
        }
    }

    private static void direct(FieldChecks f, DirectRouteConfig c) {
        if (!f.required("directRouteConfig", c)) {
            return;
        }
        if (f.required("directRouteConfig.path", c.path()) && !c.path().startsWith("/")) {
            f.fail("directRouteConfig.path", "must start with /");
        }
        if (f.required("directRouteConfig.transportType", c.transportType())
                && !TRANSPORTS.contains(c.transportType())) {
            f.fail("directRouteConfig.transportType", "must be sse or streamable");
        }
    }

    /** McpServerDBConfigValidator.validate, with the field named. */
    private static void database(FieldChecks f, String dbType, DbConfig c) {
        DbType type = null;
        if (f.required("dbType", dbType)) {
            type = DbType.of(dbType).orElse(null);
            if (type == null) {
                f.fail("dbType", "unknown database type '" + dbType + "': one of " + DbType.values(", "));
            }
        }
        if (!f.required("dbConfig", c) || type == null) {
            return;
        }
        switch (type) {
            case MYSQL, POSTGRESQL -> {
                host(f, c.host());
                port(f, c.port());
                int max = type == DbType.MYSQL ? 32 : 63;
                if (f.required("dbConfig.username", c.username())) {
                    text(f, "dbConfig.username", c.username().trim(), max);
                }
                if (f.required("dbConfig.dbname", c.dbname())) {
                    text(f, "dbConfig.dbname", c.dbname().trim(), type == DbType.MYSQL ? 64 : 63);
                }
                text(f, "dbConfig.password", c.password(), 256);
            }
            case CLICKHOUSE -> {
                host(f, c.host());
                port(f, c.port());
                text(f, "dbConfig.username", c.username() == null ? null : c.username().trim(), 256);
                text(f, "dbConfig.dbname", c.dbname() == null ? null : c.dbname().trim(), 255);
                text(f, "dbConfig.password", c.password(), 256);
            }
            case SQLITE -> {
                if (f.required("dbConfig.dbname", c.dbname())) {
                    text(f, "dbConfig.dbname", c.dbname(), 1024);
                }
                text(f, "dbConfig.username", c.username() == null ? null : c.username().trim(), 128);
                text(f, "dbConfig.password", c.password(), 256);
            }
        }
        otherParams(f, c.otherParams());
    }

    private static void host(FieldChecks f, String host) {
        if (!f.required("dbConfig.host", host)) {
            return;
        }
        String h = host.trim();
        if (text(f, "dbConfig.host", h, 253) && !(hostname(h) || FieldChecks.isIpv4(h) || h.contains(":")
                || h.startsWith("[") && h.endsWith("]"))) {
            f.fail("dbConfig.host", "must be a valid hostname or IP address");
        }
    }

    private static boolean hostname(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
        return h.matches(label + "(?:\\." + label + ")*");
    }

    private static void port(FieldChecks f, String port) {
        if (!f.required("dbConfig.port", port)) {
            return;
        }
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            f.fail("dbConfig.port", "must be an integer in 1..65535");
        }
    }

    /** Printable ASCII of at most {@code max} characters (null passes). */
    private static boolean text(FieldChecks f, String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (!value.chars().allMatch(ch -> ch >= 32 && ch <= 126)) {
            return f.fail(field, "contains non-printable characters");
        }
        return value.length() <= max || f.fail(field, "must have at most " + max + " characters");
    }

    private static void otherParams(FieldChecks f, Map<String, Object> params) {
        if (params == null || params.isEmpty()) {
            return;
        }
        if (params.size() > 64) {
            f.fail("dbConfig.otherParams", "must have at most 64 entries");
            return;
        }
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String k = e.getKey() == null ? "" : e.getKey().trim();
            String at = "dbConfig.otherParams." + k;
            if (k.isEmpty() || !k.matches("[A-Za-z0-9._-]{1,64}")) {
                f.fail(at, "a key must be 1 to 64 letters, digits, '.', '_' or '-'");
            } else if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
                f.fail(at, "must be a text, a number or a boolean");
            } else {
                text(f, at, String.valueOf(e.getValue()), 512);
            }
        }
    }
}
