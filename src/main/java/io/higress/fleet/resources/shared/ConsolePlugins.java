package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.StoredObject;
import java.util.List;

/**
 * The WasmPlugins the Higress Console keeps a built-in plugin's instances in (its WasmPluginInstanceService and
 * KubernetesModelConverter.wasmPluginToCr): {@code <plugin>.internal} for the instances it makes itself (AI
 * providers, model mappings, consumers, allow lists), {@code <plugin>-<version>} for the others (ai-statistics of AI
 * routes). Found by their labels, as the console finds them; written with the console's labels and annotations
 * ({@code higress.io/resource-definer: higress}, and for internal ones {@code higress.io/internal: "true"} and the
 * "do not edit" comment).
 */
public final class ConsolePlugins {
    public static final KubernetesType WASM_PLUGIN = new KubernetesType("extensions.higress.io/v1alpha1",
            "WasmPlugin", "wasmplugins");
    public static final String INTERNAL_SUFFIX = ".internal";
    static final String NAME_LABEL = "higress.io/wasm-plugin-name";
    static final String VERSION_LABEL = "higress.io/wasm-plugin-version";
    static final String CATEGORY_LABEL = "higress.io/wasm-plugin-category";
    static final String BUILT_IN_LABEL = "higress.io/wasm-plugin-built-in";
    public static final String DEFINER_LABEL = "higress.io/resource-definer";
    public static final String DEFINER = "higress";
    static final String INTERNAL_LABEL = "higress.io/internal";
    static final String COMMENT_ANNOTATION = "higress.io/comment";
    static final String COMMENT = "PLEASE DO NOT EDIT DIRECTLY. This resource is managed by Higress.";

    private ConsolePlugins() {
    }

    public static String name(BuiltInPlugin p, boolean internal) {
        return internal ? p.name() + INTERNAL_SUFFIX : p.name() + "-" + p.version();
    }

    /**
     * The console's WasmPlugin holding {@code p}'s instances among {@code all} (a namespace's WasmPlugins), or null:
     * labelled with the plugin's name and defined by the console; an internal one of any version (the console looks
     * internal ones up by name only), another one of the plugin's current version.
     */
    public static StoredObject find(List<StoredObject> all, BuiltInPlugin p, boolean internal) {
        return all.stream().filter(o -> {
            JsonNode labels = o.body().path("metadata").path("labels");
            return p.name().equals(labels.path(NAME_LABEL).asText(null))
                    && DEFINER.equals(labels.path(DEFINER_LABEL).asText(null))
                    && o.address().name().endsWith(INTERNAL_SUFFIX) == internal
                    && (internal || p.version().equals(labels.path(VERSION_LABEL).asText(null)));
        }).findFirst().orElse(null);
    }

    public static ObjectAddress address(BuiltInPlugin p, boolean internal, String namespace) {
        return WASM_PLUGIN.address(namespace, name(p, internal));
    }

    /** A new WasmPlugin for {@code p}'s instances, as the console creates one (no instance in it yet). */
    public static ObjectNode create(BuiltInPlugin p, boolean internal, String namespace) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", WASM_PLUGIN.apiVersion()).put("kind", WASM_PLUGIN.kind());
        ObjectNode meta = o.putObject("metadata").put("name", name(p, internal)).put("namespace", namespace);
        meta.putObject("labels");
        meta.putObject("annotations");
        definition(o, p);
        ObjectNode spec = o.putObject("spec");
        spec.put("phase", p.phase()).put("priority", p.priority()).put("url", p.image())
                .put("imagePullPolicy", "UNSPECIFIED_POLICY");
        render(o);
        return o;
    }

    /**
     * Before every write, as the console does: the definer label, the internal label and comment, and the defaults
     * (fail open, a global config disabled unless set). An internal WasmPlugin of an older plugin version gets the
     * current definition (image, phase, priority, labels), its instances kept.
     */
    public static void render(ObjectNode cr) {
        ObjectNode meta = (ObjectNode) cr.get("metadata");
        labels(meta).put(DEFINER_LABEL, DEFINER);
        if (meta.path("name").asText().endsWith(INTERNAL_SUFFIX)) {
            labels(meta).put(INTERNAL_LABEL, "true");
            annotations(meta).put(COMMENT_ANNOTATION, COMMENT);
            BuiltInPlugin current = BuiltInPlugin.named(labels(meta).path(NAME_LABEL).asText()).orElse(null);
            if (current != null && !current.version().equals(labels(meta).path(VERSION_LABEL).asText(null))) {
                definition(cr, current);
                ObjectNode spec = spec(cr);
                spec.put("phase", current.phase()).put("priority", current.priority()).put("url", current.image())
                        .put("imagePullPolicy", "UNSPECIFIED_POLICY");
            }
        }
        ObjectNode spec = spec(cr);
        spec.put("failStrategy", "FAIL_OPEN");
        if (!spec.has("defaultConfigDisable") || spec.get("defaultConfigDisable").isNull()) {
            spec.put("defaultConfigDisable", true);
        }
    }

    private static void definition(ObjectNode cr, BuiltInPlugin p) {
        ObjectNode meta = (ObjectNode) cr.get("metadata");
        labels(meta).put(NAME_LABEL, p.name()).put(VERSION_LABEL, p.version()).put(CATEGORY_LABEL, p.category())
                .put(BUILT_IN_LABEL, "true");
        ObjectNode annotations = annotations(meta);
        annotations.put("higress.io/wasm-plugin-title", p.title());
        annotations.put("higress.io/wasm-plugin-description", p.description());
        annotations.put("higress.io/wasm-plugin-icon", p.icon());
    }

    static ObjectNode spec(ObjectNode cr) {
        return cr.get("spec") instanceof ObjectNode s ? s : cr.putObject("spec");
    }

    private static ObjectNode labels(ObjectNode meta) {
        return meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
    }

    private static ObjectNode annotations(ObjectNode meta) {
        return meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
    }
}
