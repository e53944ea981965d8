package io.higress.fleet.resources.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The brief's plugin body (§3.2): {@code {"name","type":"WasmPlugin","phase","priority","config":{...}}} plus
 * {@code url} (defaults to the built-in image for known plugin names), {@code matchRules}, {@code enabled}
 * (absent on create = enabled) and {@code namespace}. {@code phase} speaks the brief's words: {@code DEFAULT},
 * {@code AUTHN}, {@code AUTHZ}, {@code STATS}; Higress's {@code UNSPECIFIED_PHASE} is accepted for {@code DEFAULT}
 * and reads back as {@code DEFAULT} ({@link PluginValidator#facadePhase}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginSpec(
        String name,
        String type,
        String phase,
        Integer priority,
        Map<String, Object> config,
        String url,
        List<MatchRule> matchRules,
        Boolean enabled,
        String namespace) implements Spec {

    public static final String TYPE = "WasmPlugin";

    /** One WasmPlugin {@code matchRules[]} entry: where a different config applies. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record MatchRule(
            List<String> ingress,
            List<String> domain,
            List<String> service,
            Map<String, Object> config,
            Boolean configDisable) {
    }

    public PluginSpec withEnabled(boolean on) {
        return new PluginSpec(name, type, phase, priority, config, url, matchRules, on, namespace);
    }
}
