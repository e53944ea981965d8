package io.higress.fleet.resources.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * plugin ⇄ {@code extensions.higress.io/v1alpha1} WasmPlugin: {@code config} → {@code spec.defaultConfig},
 * {@code enabled} → {@code spec.defaultConfigDisable} (negated; Higress's global switch), {@code DEFAULT} phase ⇄
 * {@code UNSPECIFIED_PHASE}, missing {@code url} → the built-in image. Input must have passed {@link PluginValidator}.
 */
public final class PluginTranslator {
    public static final String API_VERSION = "extensions.higress.io/v1alpha1";
    public static final String KIND = "WasmPlugin";

    private final String defaultNamespace;
    private final PluginImages images;

    public PluginTranslator(String defaultNamespace, PluginImages images) {
        this.defaultNamespace = defaultNamespace;
        this.images = images;
    }

    public GenericKubernetesResource toWasmPlugin(PluginSpec p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", p.url() != null ? p.url() : images.imageFor(p.name()).orElseThrow(
                () -> new IllegalArgumentException("no url and no built-in image for " + p.name())));
        if (p.phase() != null) {
            spec.put("phase", PluginValidator.canonicalPhase(p.phase()));
        }
        if (p.priority() != null) {
            spec.put("priority", p.priority());
        }
        if (p.config() != null) {
            spec.put("defaultConfig", Json.deepCopy(p.config()));
        }
        // Written explicitly so that enable/disable is always a visible field change.
        spec.put("defaultConfigDisable", !Boolean.FALSE.equals(p.enabled()) ? Boolean.FALSE : Boolean.TRUE);
        if (p.matchRules() != null) {
            List<Object> rules = new ArrayList<>();
            for (PluginSpec.MatchRule r : p.matchRules()) {
                rules.add(Json.MAPPER.convertValue(r, new TypeReference<Map<String, Object>>() {
                }));
            }
            spec.put("matchRules", rules);
        }
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(API_VERSION);
        o.setKind(KIND);
        o.setMetadata(new ObjectMetaBuilder()
                .withName(p.name())
                .withNamespace(p.namespace() != null ? p.namespace() : defaultNamespace)
                .withLabels(Map.of(Ownership.LABEL, Ownership.VALUE))
                .build());
        o.setAdditionalProperty("spec", spec);
        return o;
    }

    /** Reads a WasmPlugin back as a plugin; spec fields the facade does not model (sha256, vmConfig...) are left out. */
    @SuppressWarnings("unchecked")
    public PluginSpec fromWasmPlugin(GenericKubernetesResource o) {
        Map<String, Object> spec = o.getAdditionalProperties().get("spec") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Object priority = spec.get("priority");
        Object config = spec.get("defaultConfig");
        List<PluginSpec.MatchRule> rules = null;
        if (spec.get("matchRules") instanceof List<?> l) {
            rules = new ArrayList<>();
            for (Object r : l) {
                rules.add(Json.MAPPER.convertValue(r, PluginSpec.MatchRule.class));
            }
        }
        return new PluginSpec(
                o.getMetadata().getName(),
                PluginSpec.TYPE,
                PluginValidator.facadePhase((String) spec.get("phase")),
                priority instanceof Number n ? n.intValue() : null,
                config instanceof Map<?, ?> c ? (Map<String, Object>) Json.deepCopy(c) : null,
                (String) spec.get("url"),
                rules,
                !Boolean.TRUE.equals(spec.get("defaultConfigDisable")),
                o.getMetadata().getNamespace());
    }
}
