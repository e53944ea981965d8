package io.higress.fleet.resources.mcpserver;

import io.higress.fleet.resources.mcpserver.McpServerSpec.DbConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * McpServerDBConfigDsnConverter: a database server's {@code dbConfig} as the DSN {@code higress-config} stores
 * ({@code user:pass@tcp(host:port)/db?k=v}, {@code postgres://...}, {@code tcp://host:port?username=...}, a SQLite
 * file) and back. The DSN holds the password: a secret wherever it appears.
 */
final class DbDsn {
    private DbDsn() {
    }

    static String of(DbConfig c, DbType type) {
        return switch (type) {
            case MYSQL -> mysql(c);
            case POSTGRESQL -> postgres(c);
            case CLICKHOUSE -> clickhouse(c);
            case SQLITE -> c.dbname() != null ? c.dbname() : "";
        };
    }

    /** The configuration a DSN holds; null when it cannot be read as the type's. */
    static DbConfig parse(String dsn, DbType type) {
        try {
            return switch (type) {
                case MYSQL -> parseMysql(dsn.trim());
                case POSTGRESQL -> parsePostgres(dsn);
                case CLICKHOUSE -> parseClickhouse(dsn);
                case SQLITE -> new DbConfig(null, null, null, null, dsn, null);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String mysql(DbConfig c) {
        String host = bracket(c.host() == null ? "" : c.host());
        String address = host + (c.port() != null && !c.port().isEmpty() ? ":" + c.port() : "");
        String user = c.username() == null ? "" : c.username();
        if (c.password() != null && !c.password().isEmpty()) {
            user += ":" + c.password(); // go-sql-driver/mysql: not URL-encoded
        }
        StringBuilder sb = new StringBuilder();
        if (!user.isEmpty()) {
            sb.append(user).append('@');
        }
        sb.append("tcp(").append(address).append(")/").append(c.dbname() == null ? "" : c.dbname());
        return query(sb, c.otherParams());
    }

    private static String postgres(DbConfig c) {
        String hostPort = bracket(c.host() == null ? "" : c.host())
                + (c.port() != null && !c.port().isEmpty() ? ":" + c.port() : "");
        String user = c.username() != null ? encode(c.username()) : "";
        String pass = c.password() != null && !c.password().isEmpty() ? ":" + encode(c.password()) : "";
        StringBuilder sb = new StringBuilder("postgres://");
        if (!user.isEmpty()) {
            sb.append(user).append(pass).append('@');
        }
        sb.append(hostPort).append('/').append(c.dbname() == null ? "" : encode(c.dbname()));
        return query(sb, c.otherParams());
    }

    private static String clickhouse(DbConfig c) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (c.otherParams() != null) {
            params.putAll(c.otherParams());
        }
        if (c.username() != null) {
            params.put("username", c.username());
        }
        if (c.password() != null) {
            params.put("password", c.password());
        }
        if (c.dbname() != null) {
            params.put("database", c.dbname());
        }
        String address = bracket(c.host() == null ? "localhost" : c.host())
                + (c.port() != null && !c.port().isEmpty() ? ":" + c.port() : "");
        return query(new StringBuilder("tcp://").append(address), params);
    }

    private static String bracket(String host) {
        return host.contains(":") && !(host.startsWith("[") && host.endsWith("]")) ? "[" + host + "]" : host;
    }

    private static String query(StringBuilder sb, Map<String, Object> params) {
        StringBuilder q = new StringBuilder();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k == null || v == null || String.valueOf(v).isEmpty()) {
                    return;
                }
                q.append(q.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(String.valueOf(v)));
            });
        }
        return q.isEmpty() ? sb.toString() : sb.append('?').append(q).toString();
    }

    private static DbConfig parseMysql(String s) {
        int at = s.indexOf('@');
        int tcp = s.indexOf("tcp(");
        if (tcp < 0) {
            throw new IllegalArgumentException("missing tcp(");
        }
        String user = null;
        String pass = null;
        String after = s;
        if (at >= 0 && at < tcp) {
            String[] up = s.substring(0, at).split(":", 2);
            user = decode(up[0]);
            pass = up.length > 1 ? decode(up[1]) : null;
            after = s.substring(at + 1);
        }
        int l = after.indexOf('(');
        int r = after.indexOf(')', l + 1);
        if (l < 0 || r < 0) {
            throw new IllegalArgumentException("invalid tcp(host:port)");
        }
        String address = after.substring(l + 1, r).trim();
        String host = address;
        String port = null;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int colon = address.lastIndexOf(':');
        if (colon > -1 && colon > address.lastIndexOf(']')) {
            host = address.substring(0, colon);
            port = address.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        String rest = after.substring(r + 1);
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        int q = rest.indexOf('?');
        String db = q >= 0 ? rest.substring(0, q) : rest;
        Map<String, Object> params = q >= 0 ? params(rest.substring(q + 1)) : null;
        return new DbConfig(host.isEmpty() ? null : host, port, user, pass, db.isEmpty() ? null : db, params);
    }

    private static DbConfig parsePostgres(String dsn) {
        URI uri = URI.create(dsn);
        String user = null;
        String pass = null;
        if (uri.getUserInfo() != null) {
            String[] up = uri.getUserInfo().split(":", 2);
            user = decode(up[0]);
            pass = up.length > 1 ? decode(up[1]) : null;
        }
        String port = uri.getPort() >= 0 ? String.valueOf(uri.getPort()) : null;
        String path = uri.getPath();
        String db = path != null && path.length() > 1 ? decode(path.substring(1)) : null;
        String query = uri.getRawQuery();
        return new DbConfig(uri.getHost(), port, user, pass, db, query == null || query.isEmpty() ? null
                : params(query));
    }

    private static DbConfig parseClickhouse(String dsn) {
        URI uri = URI.create(dsn);
        Map<String, Object> params = uri.getRawQuery() != null ? params(uri.getRawQuery()) : new LinkedHashMap<>();
        Object user = params.remove("username");
        Object pass = params.remove("password");
        Object db = params.remove("database");
        return new DbConfig(uri.getHost(), uri.getPort() >= 0 ? String.valueOf(uri.getPort()) : null,
                user == null ? null : user.toString(), pass == null ? null : pass.toString(),
                db == null ? null : db.toString(), params.isEmpty() ? null : params);
    }

    private static Map<String, Object> params(String query) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String p : query.split("&")) {
            if (!p.isEmpty()) {
                int eq = p.indexOf('=');
                map.put(decode(eq >= 0 ? p.substring(0, eq) : p), decode(eq >= 0 ? p.substring(eq + 1) : ""));
            }
        }
        return map;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
