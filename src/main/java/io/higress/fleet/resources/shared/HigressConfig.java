package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.ObjectShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code mcpServer} section of Higress's global ConfigMap {@code higress-config} (its {@code higress} key, YAML),
 * as McpServerConfigMapHelper edits it: initMcpServerConfig before every save ({@code sse_path_suffix: /sse},
 * {@code enable: true}, a placeholder {@code redis}, {@code servers: []}, written only when one is missing), a
 * database server's entry in {@code servers} ({@code {name, path: /mcp-servers/<name>, type: database, config: {dsn,
 * dbType}}}), and on delete the server's entries in {@code servers} and {@code match_list}. The YAML is written
 * back as the console writes it (its Jackson YAML settings), and only when the section changed: the ConfigMap's other
 * keys, and the {@code higress} key itself when nothing changed, stay byte for byte.
 */
public final class HigressConfig {
    public static final String NAME = "higress-config";
    public static final String KEY = "higress";
    public static final KubernetesType CONFIG_MAP = new KubernetesType("v1", "ConfigMap", "configmaps",
            new ObjectShape(List.of("data"), Map.of(), Map.of(), List.of(), List.of(NAME)));
    public static final String SECTION = "mcpServer";
    public static final String SSE_SUFFIX = "sse_path_suffix";
    public static final String SERVERS = "servers";
    public static final String MATCH_LIST = "match_list";
    public static final String REDIS_PLACEHOLDER = "your.redis.host:6379";
    public static final String PATH_PREFIX = "/mcp-servers/";

    private final Map<String, Object> higress;
    private final String before;

    private HigressConfig(Map<String, Object> higress) {
        this.higress = higress;
        this.before = ConsoleYaml.write(higress);
    }

    /** The section of a stored ConfigMap; a 422 when the cluster has none (no Higress, or no global config). */
    public static HigressConfig of(ObjectNode configMap) {
        String yaml = configMap == null ? null : configMap.path("data").path(KEY).asText(null);
        Map<String, Object> higress = yaml == null ? null : yaml.isBlank() ? new LinkedHashMap<>()
                : ConsoleYaml.map(yaml);
        if (higress == null) {
            throw new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, "the cluster has no readable ConfigMap "
                    + NAME + " (key '" + KEY + "'): MCP servers need Higress's global configuration"));
        }
        return new HigressConfig(higress);
    }

    /** When the section changed, the ConfigMap's {@code higress} key set to it (edited: marked as the fleet's). */
    public void writeTo(Workspace w, ObjectAddress configMap) {
        String now = ConsoleYaml.write(higress);
        if (!now.equals(before)) {
            ObjectNode cm = w.edit(configMap);
            (cm.get("data") instanceof ObjectNode d ? d : cm.putObject("data")).put(KEY, now);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section() {
        return higress.get(SECTION) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** initMcpServerConfig: a missing setting makes the section McpServerConfigMap's (unknown keys dropped). */
    public void init() {
        Map<String, Object> s = section() == null ? Map.of() : section();
        boolean blankSuffix = s.get(SSE_SUFFIX) == null || s.get(SSE_SUFFIX).toString().isBlank();
        if (!blankSuffix && s.get("enable") != null && s.get("redis") != null) {
            return;
        }
        // McpServerConfigMap's properties in Jackson's order: the renamed ones (sse_path_suffix, match_list) last
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enable", s.get("enable") != null ? s.get("enable") : Boolean.TRUE);
        Map<String, Object> redis = new LinkedHashMap<>();
        if (s.get("redis") instanceof Map<?, ?> r) {
            for (String k : List.of("address", "password", "db", "username", "secret")) {
                if (r.get(k) != null) {
                    redis.put(k, r.get(k));
                }
            }
        } else {
            redis.put("address", REDIS_PLACEHOLDER);
            redis.put("password", "your_password");
            redis.put("db", 0);
            redis.put("username", "your_username");
        }
        out.put("redis", redis);
        out.put(SERVERS, pojos(s.get(SERVERS), List.of("name", "path", "type", "config")));
        out.put(SSE_SUFFIX, blankSuffix ? "/sse" : s.get(SSE_SUFFIX));
        if (s.get(MATCH_LIST) instanceof List<?>) {
            out.put(MATCH_LIST, pojos(s.get(MATCH_LIST), List.of("match_rule_domain", "match_rule_path",
                    "match_rule_type", "upstream_type", "enable_path_rewrite", "path_rewrite_prefix")));
        }
        higress.put(SECTION, out);
    }

    private static List<Object> pojos(Object list, List<String> fields) {
        List<Object> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> item = new LinkedHashMap<>();
                if (o instanceof Map<?, ?> m) {
                    fields.forEach(f -> {
                        if (m.get(f) != null) {
                            item.put(f, f.equals("config") ? dbServerConfig(m.get(f)) : m.get(f));
                        }
                    });
                }
                out.add(item);
            }
        }
        return out;
    }

    private static Object dbServerConfig(Object config) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (config instanceof Map<?, ?> m) {
            for (String k : List.of("dsn", "dbType")) {
                if (m.get(k) != null) {
                    out.put(k, m.get(k));
                }
            }
        }
        return out;
    }

    /** Whether the ConfigMap has an {@code mcpServer} section. */
    public boolean hasSection() {
        return section() != null;
    }

    /** A setting of the section ({@code enable}, {@code sse_path_suffix}, {@code redis}), or null. */
    public Object setting(String key) {
        return section() == null ? null : section().get(key);
    }

    /** Sets a setting in place (a new one last; null removes it), creating the section when it has none. */
    public void setting(String key, Object value) {
        Map<String, Object> s = section();
        if (s == null) {
            s = new LinkedHashMap<>();
            higress.put(SECTION, s);
        }
        if (value == null) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
    }

    public String ssePathSuffix() {
        Object v = section() == null ? null : section().get(SSE_SUFFIX);
        return v == null ? null : v.toString();
    }

    /** The configured redis address, or null. */
    public String redisAddress() {
        Object redis = section() == null ? null : section().get("redis");
        return redis instanceof Map<?, ?> r && r.get("address") != null ? r.get("address").toString() : null;
    }

    /** The server entry's {@code config} ({@code dsn}, {@code dbType}), or null. */
    public Map<?, ?> serverConfig(String name) {
        Map<?, ?> e = server(name);
        return e != null && e.get("config") instanceof Map<?, ?> c ? c : null;
    }

    private Map<?, ?> server(String name) {
        if (section() != null && section().get(SERVERS) instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * DatabaseSaveStrategy: the server's entry, moved to the end, with its name, path, type and a new config map
     * ({@code dsn}, {@code dbType}; the console's HashMaps, so their keys come in the console's order).
     */
    @SuppressWarnings("unchecked")
    public void putDatabase(String name, String dsn, String dbType) {
        List<Object> servers = section().get(SERVERS) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
        Map<String, Object> entry = null;
        for (int i = servers.size() - 1; i >= 0; i--) {
            if (servers.get(i) instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                entry = (Map<String, Object>) servers.remove(i);
            }
        }
        entry = entry == null ? new HashMap<>() : entry;
        Map<String, Object> config = new HashMap<>();
        config.put("dsn", dsn);
        config.put("dbType", dbType);
        entry.put("name", name);
        entry.put("path", PATH_PREFIX + name);
        entry.put("type", "database");
        entry.put("config", config);
        servers.add(entry);
        section().put(SERVERS, servers);
    }

    /** The server's entries in {@code servers} and in {@code match_list} (its path) go. */
    public void remove(String name) {
        Map<String, Object> s = section();
        if (s == null) {
            return;
        }
        if (s.get(SERVERS) instanceof List<?> l) {
            l.removeIf(o -> o instanceof Map<?, ?> m && name.equals(m.get("name")));
        }
        if (s.get(MATCH_LIST) instanceof List<?> l) {
            l.removeIf(o -> o instanceof Map<?, ?> m && Objects.equals(PATH_PREFIX + name, m.get("match_rule_path")));
        }
    }
}
