package io.higress.fleet.resources.mcpsettings;

import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.mcpsettings.McpSettingsSpec.Redis;
import io.higress.fleet.resources.shared.HigressConfig;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings in {@code higress-config}'s {@code higress} key, section {@code mcpServer}: an entry in a shared
 * object (the section also holds the database MCP servers, the ConfigMap the rest of Higress's configuration), so
 * only {@code enable}, {@code sse_path_suffix} and {@code redis} are edited, in place (a key the facade does not
 * model, and the keys' order, stay), and the YAML is written back only when they changed. A delete removes the three
 * settings (the console's next MCP save puts its defaults back). The console has no API for the section but the whole
 * ConfigMap's YAML ({@code /system/higress-config}): console-managed clusters are refused.
 */
final class McpSettingsForm implements KubernetesForm<McpSettingsSpec> {
    static final String ENABLE = "enable";
    static final String REDIS = "redis";

    @Override
    public List<KubernetesType> types() {
        return List.of(HigressConfig.CONFIG_MAP);
    }

    @Override
    public Uni<Copy<McpSettingsSpec>> read(StoreReads reads, String namespace, String name, McpSettingsSpec desired) {
        return reads.get(HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME))
                .map(cm -> copy(namespace, name, cm));
    }

    @Override
    public Uni<List<Copy<McpSettingsSpec>>> list(StoreReads reads, String namespace) {
        return read(reads, namespace, HigressConfig.NAME, null)
                .map(c -> c.exists() ? List.of(c) : List.<Copy<McpSettingsSpec>>of());
    }

    private static Copy<McpSettingsSpec> copy(String namespace, String name, StoredObject cm) {
        if (cm == null || !HigressConfig.NAME.equals(name)) {
            return Copy.absent(namespace, name, List.of());
        }
        McpSettingsSpec spec = spec(cm, namespace);
        return spec == null ? Copy.absentEntry(namespace, name, List.of(cm), List.of())
                : new Copy<>(namespace, name, spec, List.of(cm), List.of(), true, cm.version(), true);
    }

    /** The settings a ConfigMap holds, or null when it has no (readable) section. */
    static McpSettingsSpec spec(StoredObject cm, String namespace) {
        HigressConfig config;
        try {
            config = HigressConfig.of(cm.body());
        } catch (io.higress.fleet.problem.ProblemException e) {
            return null;
        }
        if (!config.hasSection()) {
            return null;
        }
        Object enable = config.setting(ENABLE);
        Object suffix = config.setting(HigressConfig.SSE_SUFFIX);
        Redis redis = null;
        if (config.setting(REDIS) instanceof Map<?, ?> r) {
            redis = new Redis(text(r.get("address")), text(r.get("username")), text(r.get("password")),
                    r.get("db") instanceof Number n ? n.intValue() : null, text(r.get("secret")));
        }
        return new McpSettingsSpec(HigressConfig.NAME, enable instanceof Boolean b ? b : null, text(suffix), redis,
                namespace);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    @Override
    public List<Part> parts(McpSettingsSpec spec, String namespace, Copy<McpSettingsSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectAddress a = HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME);
        HigressConfig config = HigressConfig.of(w.get(a));
        config.setting(ENABLE, spec.enable());
        config.setting(HigressConfig.SSE_SUFFIX, spec.ssePathSuffix());
        config.setting(REDIS, redis(config.setting(REDIS), spec.redis()));
        config.writeTo(w, a);
        return w.parts(Workspace::label);
    }

    /** The stored redis map with the model's fields set in place (its other keys and order kept). */
    private static Map<String, Object> redis(Object stored, Redis r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (stored instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        put(out, "address", r.address());
        put(out, "password", r.password());
        put(out, "db", r.db());
        put(out, "username", r.username());
        put(out, "secret", r.secret());
        return out;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
    }

    @Override
    public List<Part> remainder(String namespace, Copy<McpSettingsSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectAddress a = HigressConfig.CONFIG_MAP.address(namespace, HigressConfig.NAME);
        HigressConfig config = HigressConfig.of(w.get(a));
        for (String key : List.of(ENABLE, HigressConfig.SSE_SUFFIX, REDIS)) {
            config.setting(key, null);
        }
        config.writeTo(w, a);
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<McpSettingsSpec> current) {
        McpSettingsSpec before = previous.stream().filter(o -> o.address().type().equals(HigressConfig.CONFIG_MAP))
                .findFirst().map(o -> spec(o, namespace)).orElse(null);
        return Workspace.restoredEntry(this, before, namespace, current, Workspace::label);
    }
}
