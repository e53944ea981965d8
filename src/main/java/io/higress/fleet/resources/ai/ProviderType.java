package io.higress.fleet.resources.ai;

import static io.higress.fleet.resources.ai.RawConfigs.bool;
import static io.higress.fleet.resources.ai.RawConfigs.customUris;
import static io.higress.fleet.resources.ai.RawConfigs.httpScheme;
import static io.higress.fleet.resources.ai.RawConfigs.invalid;
import static io.higress.fleet.resources.ai.RawConfigs.port;
import static io.higress.fleet.resources.ai.RawConfigs.required;
import static io.higress.fleet.resources.ai.RawConfigs.text;
import static io.higress.fleet.resources.ai.RawConfigs.toBoolean;
import static io.higress.fleet.resources.ai.RawConfigs.uri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provider types the Higress Console supports (LlmProviderServiceImpl's handlers; the five types its model lists
 * without a handler, hunyuan, cloudflare, spark, deepl and together-ai, are refused by it and here), each with what
 * its handler checks and fills in ({@link #normalize}) and where it is reached ({@link #endpoints}). Raw
 * configurations are the ai-proxy provider fields ({@code azureServiceUrl}, {@code awsRegion}, ...).
 */
public enum ProviderType {
    OPENAI("openai") {
        @Override
        void normalize(ObjectNode raw) {
            customUris(raw, "openaiCustomUrl", "openaiExtraCustomUrls").forEach(u -> httpScheme(u, "openaiCustomUrl"));
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            List<URI> uris = customUris(raw, "openaiCustomUrl", "openaiExtraCustomUrls");
            return uris.isEmpty() ? List.of(new Endpoint("https", "api.openai.com", 443, "/v1"))
                    : uris.stream().map(Endpoint::of).toList();
        }

        /** {@code openaiCustomServiceName} + {@code openaiCustomServicePort}: no service source of its own. */
        @Override
        Optional<ProviderService> customService(ObjectNode raw) {
            JsonNode name = raw.get("openaiCustomServiceName");
            JsonNode port = raw.get("openaiCustomServicePort");
            return name != null && name.isTextual() && port != null && port.isInt()
                    ? Optional.of(new ProviderService(name.asText(), port.asInt())) : Optional.empty();
        }
    },
    MOONSHOT("moonshot", "api.moonshot.cn"),
    QWEN("qwen") {
        @Override
        void normalize(ObjectNode raw) {
            raw.put("qwenEnableSearch", bool(raw.get("qwenEnableSearch"), false));
            raw.put("qwenEnableCompatible", bool(raw.get("qwenEnableCompatible"), true));
            if (raw.has("qwenFileIds") && !raw.get("qwenFileIds").isArray()) {
                throw invalid("qwenFileIds", "must be a list");
            }
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            String domain = text(raw, "qwenDomain");
            if (domain == null || domain.trim().isEmpty()) {
                return List.of(Endpoint.https("dashscope.aliyuncs.com"));
            }
            try {
                return List.of(Endpoint.of(new URI("https", domain.trim(), "/", null)));
            } catch (URISyntaxException e) {
                throw invalid("qwenDomain", "is not a valid domain name: " + domain);
            }
        }
    },
    AZURE("azure") {
        @Override
        void normalize(ObjectNode raw) {
            URI uri = serviceUri(raw);
            httpScheme(uri, "azureServiceUrl");
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            boolean version = Stream.of(query.split("&")).anyMatch(p -> p.startsWith("api-version=")
                    && p.length() > "api-version=".length());
            if (!version || uri.getHost() == null) {
                throw invalid("azureServiceUrl", "must be an http(s) URL with a non-empty api-version query parameter");
            }
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            return List.of(Endpoint.of(serviceUri(raw)));
        }

        private URI serviceUri(ObjectNode raw) {
            String url = required(raw, "azureServiceUrl");
            return uri(url, "azureServiceUrl");
        }
    },
    AI360("ai360", "api.360.cn"),
    GITHUB("github", "models.inference.ai.azure.com"),
    GROQ("groq", "api.groq.com"),
    BAICHUAN("baichuan", "api.baichuan-ai.com"),
    YI("yi", "api.lingyiwanwu.com"),
    DEEPSEEK("deepseek", "api.deepseek.com"),
    ZHIPUAI("zhipuai") {
        @Override
        void normalize(ObjectNode raw) {
            Boolean on = raw.hasNonNull("zhipuCodePlanMode") ? toBoolean(raw.get("zhipuCodePlanMode")) : null;
            raw.put("zhipuCodePlanMode", on == null || on);
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            String domain = text(raw, "zhipuDomain");
            if (domain == null || domain.trim().isEmpty()) {
                return List.of(Endpoint.https("open.bigmodel.cn"));
            }
            try {
                return List.of(Endpoint.of(new URI("https", domain.trim(), "/", null)));
            } catch (URISyntaxException e) {
                throw invalid("zhipuDomain", "is not a valid domain name: " + domain);
            }
        }
    },
    OLLAMA("ollama") {
        @Override
        void normalize(ObjectNode raw) {
            required(raw, "ollamaServerHost");
            raw.put("ollamaServerPort", port(raw, "ollamaServerPort"));
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            int port;
            try {
                port = port(raw, "ollamaServerPort");
            } catch (InvalidProvider e) {
                port = 11434;
            }
            String host = text(raw, "ollamaServerHost");
            return List.of(new Endpoint("http", host == null ? "" : host, port, "/"));
        }
    },
    CLAUDE("claude") {
        @Override
        void normalize(ObjectNode raw) {
            JsonNode codeMode = raw.get("claudeCodeMode");
            if (codeMode != null && !codeMode.isNull()) {
                Boolean b = toBoolean(codeMode);
                if (b != null) {
                    raw.put("claudeCodeMode", b);
                }
            }
            JsonNode version = raw.get("claudeVersion");
            if (version == null || version.isNull() || version.isTextual() && version.asText().isBlank()) {
                raw.put("claudeVersion", "2023-06-01");
            }
            URI legacy = claudeUri(raw);
            if (legacy != null) {
                httpScheme(legacy, "claudeCustomUrl");
                raw.put("providerDomain", legacy.getHost());
                String path = legacy.getRawPath();
                raw.put("providerBasePath", path == null || path.isBlank() ? "/" : path);
                return;
            }
            String basePath = text(raw, "providerBasePath");
            if (basePath != null && !basePath.isBlank()) {
                String norm = basePath.trim().startsWith("/") ? basePath.trim() : "/" + basePath.trim();
                if (!norm.equals(basePath)) {
                    raw.put("providerBasePath", norm);
                }
            }
            domainEndpoint(raw);
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            URI legacy = claudeUri(raw);
            if (legacy != null) {
                return List.of(Endpoint.of(legacy));
            }
            Endpoint e = domainEndpoint(raw);
            return List.of(e != null ? e : Endpoint.https("api.anthropic.com"));
        }

        /** As read back: {@code claudeCustomUrl} rebuilt from a non-default endpoint, dropped for the default. */
        @Override
        void loaded(ObjectNode raw) {
            Endpoint e;
            try {
                e = endpoints(raw).get(0);
            } catch (InvalidProvider invalid) {
                return;
            }
            if (e.protocol() == null || e.address() == null || e.address().isBlank()) {
                return;
            }
            boolean defaultEndpoint = "https".equals(e.protocol()) && "api.anthropic.com".equals(e.address())
                    && e.port() == 443 && ("/".equals(e.contextPath()) || e.contextPath().isBlank());
            if (defaultEndpoint) {
                raw.remove("claudeCustomUrl");
                return;
            }
            String path = e.contextPath().isBlank() ? "/" : e.contextPath();
            path = path.startsWith("/") ? path : "/" + path;
            if (path.replaceAll("/+$", "").isEmpty()) {
                path = "";
            }
            boolean omitPort = "http".equals(e.protocol()) && e.port() == 80
                    || "https".equals(e.protocol()) && e.port() == 443;
            raw.put("claudeCustomUrl", e.protocol() + "://" + e.address().trim() + (omitPort ? "" : ":" + e.port())
                    + path);
        }

        private URI claudeUri(ObjectNode raw) {
            JsonNode url = raw.get("claudeCustomUrl");
            if (url == null || !url.isTextual()) {
                return null;
            }
            if (url.asText().isEmpty()) {
                throw invalid("claudeCustomUrl", "cannot be empty");
            }
            return uri(url.asText(), "claudeCustomUrl");
        }

        /** From {@code providerDomain} ({@code host[:port]}) and {@code providerBasePath}; null when neither is set. */
        private Endpoint domainEndpoint(ObjectNode raw) {
            String domain = text(raw, "providerDomain");
            String basePath = text(raw, "providerBasePath");
            if ((domain == null || domain.isBlank()) && (basePath == null || basePath.isBlank())) {
                return null;
            }
            String host = domain == null || domain.isBlank() ? "api.anthropic.com" : domain.trim();
            String path = basePath == null || basePath.isBlank() ? "/" : basePath.trim();
            path = path.startsWith("/") ? path : "/" + path;
            int port = 443;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && colon < host.length() - 1 && host.substring(colon + 1).matches("\\d{1,5}")) {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            try {
                return Endpoint.of(new URI("https", null, host, port, path, null, null));
            } catch (URISyntaxException e) {
                throw invalid("providerDomain", "invalid providerDomain / providerBasePath: " + domain + " / "
                        + basePath);
            }
        }
    },
    BAIDU("baidu", "qianfan.baidubce.com"),
    STEPFUN("stepfun", "api.stepfun.com"),
    MINIMAX("minimax", "api.minimax.chat"),
    GEMINI("gemini", "generativelanguage.googleapis.com"),
    MISTRAL("mistral", "api.mistral.ai"),
    COHERE("cohere", "api.cohere.com"),
    DOUBAO("doubao", "ark.cn-beijing.volces.com"),
    COZE("coze", "api.coze.cn"),
    OPENROUTER("openrouter", "openrouter.ai"),
    GROK("grok", "api.x.ai"),
    BEDROCK("bedrock") {
        @Override
        void normalize(ObjectNode raw) {
            required(raw, "awsRegion");
            required(raw, "awsAccessKey");
            required(raw, "awsSecretKey");
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            return List.of(Endpoint.https("bedrock-runtime." + required(raw, "awsRegion") + ".amazonaws.com"));
        }
    },
    VERTEX("vertex") {
        @Override
        void normalize(ObjectNode raw) {
            raw.put("vertexRegion", required(raw, "vertexRegion").toLowerCase(Locale.ROOT));
            required(raw, "vertexProjectId");
            String authKey = required(raw, "vertexAuthKey");
            JsonNode key;
            try {
                key = new ObjectMapper().readTree(authKey);
            } catch (Exception e) {
                key = null;
            }
            if (key == null || !key.isObject()) {
                throw invalid("vertexAuthKey", "must contain a valid JSON object (the service account key)");
            }
            for (String p : List.of("client_email", "private_key_id", "private_key", "token_uri")) {
                if (!key.path(p).isTextual()) {
                    throw invalid("vertexAuthKey", "must be a JSON object with a string property: " + p);
                }
            }
            JsonNode ahead = raw.get("vertexTokenRefreshAhead");
            if (ahead != null && !ahead.isNull() && (!ahead.canConvertToInt() || ahead.asInt() < 0)) {
                throw invalid("vertexTokenRefreshAhead", "must be a non-negative number");
            }
            JsonNode safety = raw.get("geminiSafetySetting");
            if (safety != null && !safety.isNull()) {
                if (!safety.isObject()) {
                    throw invalid("geminiSafetySetting", "must be an object");
                }
                safety.fields().forEachRemaining(f -> {
                    if (!f.getValue().isTextual()) {
                        throw invalid("geminiSafetySetting", "must be an object with string key-value pairs");
                    }
                });
            }
            raw.put("vertexAuthServiceName", VERTEX_AUTH_SERVICE);
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            String region = required(raw, "vertexRegion");
            return List.of(Endpoint.https("global".equals(region) ? "aiplatform.googleapis.com"
                    : region + "-aiplatform.googleapis.com"));
        }

        /** The OAuth endpoint the plugin exchanges the service account key at (kept when the provider goes). */
        @Override
        List<ObjectNode> extraSources() {
            ObjectNode s = new ObjectMapper().createObjectNode();
            s.put("name", VERTEX_AUTH_SERVICE).put("type", "dns").put("protocol", "https").put("port", 443)
                    .put("domain", "oauth2.googleapis.com");
            return List.of(s);
        }
    },
    VLLM("vllm") {
        @Override
        void normalize(ObjectNode raw) {
            List<URI> uris = customUris(raw, "vllmCustomUrl", "vllmExtraCustomUrls");
            if (uris.isEmpty()) {
                throw invalid("vllmCustomUrl", "is required: no vLLM service URL is configured");
            }
            uris.forEach(u -> httpScheme(u, "vllmCustomUrl"));
        }

        @Override
        List<Endpoint> endpoints(ObjectNode raw) {
            List<URI> uris = customUris(raw, "vllmCustomUrl", "vllmExtraCustomUrls");
            if (uris.isEmpty()) {
                throw invalid("vllmCustomUrl", "is required: no vLLM service URL is configured");
            }
            return uris.stream().map(Endpoint::of).toList();
        }
    };

    static final String VERTEX_AUTH_SERVICE = "vertex-auth.internal";
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final String wire;
    private final String defaultHost;

    ProviderType(String wire) {
        this(wire, null);
    }

    ProviderType(String wire, String defaultHost) {
        this.wire = wire;
        this.defaultHost = defaultHost;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ProviderType> of(String wire) {
        return Stream.of(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    public static List<String> names() {
        return Stream.of(values()).map(ProviderType::wire).toList();
    }

    /** Checks the type's raw configurations and fills in its defaults, in place, as its console handler does. */
    void normalize(ObjectNode raw) {
    }

    /** Where the provider is reached; an {@link InvalidProvider} for a configuration that names none. */
    List<Endpoint> endpoints(ObjectNode raw) {
        return List.of(Endpoint.https(defaultHost));
    }

    /** An upstream service the configuration names instead of a service source of the provider's own. */
    Optional<ProviderService> customService(ObjectNode raw) {
        return Optional.empty();
    }

    /** Service sources the type needs besides the provider's own. */
    List<ObjectNode> extraSources() {
        return List.of();
    }

    /** Adjusts raw configurations read from the plugin, as the handler's loadConfig does. */
    void loaded(ObjectNode raw) {
    }

    /** Providers whose upstream service can change on update: the console rewrites the AI routes using them. */
    public boolean syncsRoutes() {
        return this == OPENAI || this == OLLAMA || this == CLAUDE || this == VLLM;
    }

    static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }
}
