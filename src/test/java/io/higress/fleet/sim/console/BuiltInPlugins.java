package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The 52 built-in plugins of the Higress Console (higress-console master, backend/sdk/src/main/resources/plugins:
 * plugins.properties for the images and versions, each spec.yaml for category, phase, priority and title), as its
 * {@code GET /v1/wasm-plugins/{name}} describes them: {@code builtIn: true}, {@code version: null}, phase
 * {@code default} read as {@code UNSPECIFIED_PHASE}.
 */
final class BuiltInPlugins {
    static final String REGISTRY = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/";

    /** name, image version, category, phase, priority, title; the image is {@code REGISTRY + name} unless noted. */
    record Plugin(String name, String imageVersion, String category, String phase, int priority, String title,
            String image) {

        ObjectNode definition() {
            ObjectNode o = ConsoleSimulator.JSON.createObjectNode();
            o.put("name", name).put("pluginVersion", imageVersion).putNull("version").put("category", category)
                    .put("title", title).put("description", title).put("builtIn", true)
                    .put("imageRepository", REGISTRY + image).put("imageVersion", imageVersion)
                    .put("phase", phase.equals("default") ? "UNSPECIFIED_PHASE" : phase).put("priority", priority);
            return o;
        }
    }

    static final List<Plugin> ALL = List.of(
            p("ai-agent", "2.0.1", "ai", "default", 200, "AI Agent"),
            p("ai-cache", "2.0.1", "ai", "default", 800, "AI Cache"),
            p("ai-context-limit", "1.0.0", "ai", "default", 100, "AI Context Limit"),
            p("ai-data-masking", "2.0.1", "ai", "AUTHN", 991, "AI data masking"),
            p("ai-history", "2.0.1", "ai", "default", 650, "AI History"),
            p("ai-intent", "2.0.1", "ai", "default", 700, "AI Intent"),
            p("ai-json-resp", "2.0.1", "ai", "default", 150, "AI JSON Format"),
            p("ai-load-balancer", "2.0.1", "ai", "default", 50, "AI LOAD BALANCER"),
            p("ai-prompt-decorator", "2.0.1", "ai", "default", 450, "AI Prompt Decorator"),
            p("ai-prompt-template", "2.0.1", "ai", "default", 500, "AI Prompt Template"),
            p("ai-proxy", "2.0.1", "ai", "default", 100, "AI Proxy"),
            p("ai-quota", "2.0.1", "ai", "default", 750, "AI Quota"),
            p("ai-rag", "2.0.1", "ai", "default", 400, "AI RAG"),
            p("ai-search", "2.0.1", "ai", "default", 440, "AI Search"),
            p("ai-security-guard", "2.0.1", "ai", "default", 300, "AI Security Guard"),
            p("ai-statistics", "2.0.1", "ai", "default", 900, "AI Statistics"),
            p("ai-token-ratelimit", "2.0.1", "ai", "default", 600, "AI Token Rate Limit"),
            p("ai-transformer", "2.0.1", "ai", "default", 550, "AI Transformer"),
            p("basic-auth", "2.0.0", "auth", "AUTHN", 320, "Basic Auth"),
            p("bot-detect", "2.0.0", "security", "AUTHZ", 310, "Bot Detect"),
            p("cache-control", "2.0.1", "transform", "AUTHN", 420, "Browser Cache Control"),
            p("cluster-key-rate-limit", "2.0.1", "traffic", "default", 20, "Key Cluster Rate Limit"),
            p("cors", "2.0.2", "security", "AUTHZ", 340, "CORS"),
            p("custom-response", "2.0.0", "transform", "AUTHN", 910, "Custom Response"),
            p("de-graphql", "2.0.1", "transform", "AUTHN", 430, "DeGraphQL"),
            p("ext-auth", "2.0.1", "auth", "AUTHN", 360, "Ext Auth"),
            p("frontend-gray", "2.0.1", "transform", "default", 450, "Frontend Gray"),
            p("geo-ip", "2.0.1", "o11y", "AUTHN", 440, "Geo IP"),
            p("gw-error-format", "1.0.0", "transform", "default", 0, "Gateway Error Formatter"),
            p("hmac-auth-apisix", "2.0.1", "auth", "AUTHN", 200, "HMAC Authentication (APISIX Compatible)"),
            p("hmac-auth", "2.0.0", "auth", "AUTHN", 330, "HMAC Auth"),
            p("ip-restriction", "2.0.1", "security", "AUTHN", 210, "IP Restriction"),
            new Plugin("json-converter", "2.0.1", "transformation", "default", 50, "JSON CONVERTER",
                    "jsonrpc-converter"),
            p("jwt-auth", "2.0.0", "auth", "AUTHN", 340, "JWT Auth"),
            p("key-auth", "2.0.0", "auth", "AUTHN", 310, "Key Auth"),
            p("key-rate-limit", "2.0.0", "traffic", "default", 10, "Key Rate Limit"),
            p("log-request-response", "1.0.0", "o11y", "default", 0, "Request and Response Logging"),
            p("mcp-router", "2.0.1", "ai", "default", 1000, "MCP Router"),
            p("mcp-server", "2.0.1", "ai", "default", 999, "MCP Server"),
            p("model-mapper", "2.0.1", "ai", "AUTHN", 800, "AI Model Mapper"),
            p("model-router", "2.0.1", "ai", "AUTHN", 900, "AI Model Router"),
            p("nginx-rewrite-compatible", "1.0.0", "transform", "default", 0, "Nginx Rewrite Compatibility"),
            p("oauth", "2.0.0", "auth", "AUTHN", 350, "OAuth2"),
            p("oidc", "2.0.1", "auth", "AUTHN", 350, "OIDC Auth"),
            p("opa", "2.0.1", "auth", "AUTHN", 225, "OPA"),
            p("request-block", "2.0.0", "security", "AUTHZ", 320, "Request Block"),
            p("request-validation", "2.0.1", "traffic", "AUTHN", 220, "Request Validation"),
            p("response-cache", "1.0.1", "traffic", "default", 0, "Response Cache"),
            p("simple-jwt-auth", "1.0.1", "auth", "AUTHN", 200, "Simple JWT Authentication"),
            p("traffic-tag", "2.0.1", "traffic", "default", 400, "Traffic Tagging"),
            p("transformer", "2.0.1", "transform", "AUTHN", 410, "Transformer"),
            p("waf", "2.0.1", "security", "AUTHZ", 330, "WAF"));

    private BuiltInPlugins() {
    }

    private static Plugin p(String name, String version, String category, String phase, int priority, String title) {
        return new Plugin(name, version, category, phase, priority, title, name);
    }

    static Plugin named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
