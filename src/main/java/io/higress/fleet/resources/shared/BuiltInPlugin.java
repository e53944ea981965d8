package io.higress.fleet.resources.shared;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * A built-in plugin of the Higress Console as its console writes its WasmPlugins (higress-console master,
 * backend/sdk/src/main/resources/plugins: {@code plugins.properties} for the image, each {@code spec.yaml}'s
 * {@code info} for version, category, title, description, icon and its {@code spec} for phase and priority; the
 * version labels a WasmPlugin and names the non-internal one, {@code <name>-<version>}). Only the plugins the AI
 * kinds write are listed.
 */
@RegisterForReflection
public record BuiltInPlugin(String name, String version, String category, String title, String description,
        String icon, String image, String phase, int priority) {

    static final String REGISTRY = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/";
    private static final String AI_ICON =
            "https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png";
    private static final String AUTH_ICON =
            "https://img.alicdn.com/imgextra/i4/O1CN01BPFGlT1pGZ2VDLgaH_!!6000000005333-2-tps-42-42.png";

    public static final BuiltInPlugin AI_PROXY = new BuiltInPlugin("ai-proxy", "2.0.1", "ai", "AI Proxy",
            "Provide unified OpenAI API compatible interface to call different AI service providers.", AI_ICON,
            REGISTRY + "ai-proxy:2.0.1", "UNSPECIFIED_PHASE", 100);
    public static final BuiltInPlugin MODEL_ROUTER = new BuiltInPlugin("model-router", "2.0.1", "ai",
            "AI Model Router",
            "Implements the functionality of routing based on the `model` parameter in the LLM protocol.", AI_ICON,
            REGISTRY + "model-router:2.0.1", "AUTHN", 900);
    public static final BuiltInPlugin MODEL_MAPPER = new BuiltInPlugin("model-mapper", "2.0.1", "ai",
            "AI Model Mapper",
            "Implements the functionality of rule-based model value mapping in the LLM protocol.", AI_ICON,
            REGISTRY + "model-mapper:2.0.1", "AUTHN", 800);
    public static final BuiltInPlugin AI_STATISTICS = new BuiltInPlugin("ai-statistics", "2.0.1", "ai",
            "AI Statistics", "Provides statistics of token usage, including logs, monitoring, and alerts.", AI_ICON,
            REGISTRY + "ai-statistics:2.0.1", "UNSPECIFIED_PHASE", 900);
    public static final BuiltInPlugin KEY_AUTH = new BuiltInPlugin("key-auth", "1.0.0", "auth", "Key Auth",
            "Authentication based on API Key.", AUTH_ICON, REGISTRY + "key-auth:2.0.0", "AUTHN", 310);
    public static final BuiltInPlugin MCP_SERVER = new BuiltInPlugin("mcp-server", "2.0.1", "ai", "MCP Server",
            "Host MCP servers for AI tool integration.",
            "https://img.alicdn.com/imgextra/i1/O1CN01wv8H4g1mS4MUzC1QC_!!6000000004952-2-tps-1764-597.png",
            REGISTRY + "mcp-server:2.0.1", "UNSPECIFIED_PHASE", 999);

    static final List<BuiltInPlugin> ALL = List.of(AI_PROXY, MODEL_ROUTER, MODEL_MAPPER, AI_STATISTICS, KEY_AUTH,
            MCP_SERVER);

    public static Optional<BuiltInPlugin> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
