package io.higress.fleet.resources.plugin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Default Wasm image for a plugin body without {@code url}: built-in Higress plugin names map to
 * {@code <registry>/<name>:<version>}; {@code overrides} pin individual plugins (a mirror, another version). A name
 * that is neither built in nor overridden has no default, so the body must give {@code url}.
 */
@RegisterForReflection
public record PluginImages(String registry, String version, Set<String> builtIns, Map<String, String> overrides) {

    public static final String DEFAULT_REGISTRY = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins";
    public static final String DEFAULT_VERSION = "1.0.0";

    /** Plugin names shipped with Higress (plugins/wasm-go and wasm-cpp extensions, as the console lists them). */
    public static final Set<String> BUILT_INS = Set.of(
            "ai-agent", "ai-cache", "ai-data-masking", "ai-history", "ai-intent", "ai-json-resp",
            "ai-load-balancer", "ai-prompt-decorator", "ai-prompt-template", "ai-proxy", "ai-quota", "ai-rag",
            "ai-search", "ai-security-guard", "ai-statistics", "ai-token-ratelimit", "ai-transformer",
            "model-router", "model-mapper", "mcp-server", "basic-auth", "key-auth", "oidc", "jwt-auth",
            "hmac-auth", "ext-auth", "oauth", "opa", "custom-response", "transformer", "cache-control",
            "de-graphql", "geo-ip", "frontend-gray", "request-block", "key-rate-limit", "cluster-key-rate-limit",
            "ip-restriction", "request-validation", "traffic-tag", "bot-detect", "waf", "cors");

    public PluginImages {
        builtIns = Set.copyOf(builtIns);
        overrides = Map.copyOf(overrides);
    }

    public static PluginImages defaults() {
        return new PluginImages(DEFAULT_REGISTRY, DEFAULT_VERSION, BUILT_INS, Map.of());
    }

    public Optional<String> imageFor(String pluginName) {
        String pinned = overrides.get(pluginName);
        if (pinned != null) {
            return Optional.of(pinned);
        }
        return builtIns.contains(pluginName)
                ? Optional.of(registry + "/" + pluginName + ":" + version)
                : Optional.empty();
    }
}
