package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's {@code /v1/ai/providers} (LlmProvidersController, LlmProviderServiceImpl and its handlers): POST and
 * PUT both add or update (no 409, no version); the model's checks throw IllegalArgumentException, which the console
 * answers 500 ({@code name cannot be blank.}, {@code Unknown protocol: x}); a type without handler and the handlers'
 * checks are 400s; the entry stored is the raw configurations with the handler's defaults and the modelled fields
 * ({@code id, type, protocol, apiTokens, failover, retryOnFailure}); a GET answers them all as {@code rawConfigs},
 * {@code tokenFailoverConfig} with {@code enabled} false unless set, nulls written out. A PUT whose body has no name is
 * the controller's javax ValidationException: 500. DELETE answers 204, a missing provider too.
 */
final class AiProviders {
    static final String ILLEGAL = "java.lang.IllegalArgumentException: ";
    static final Set<String> TYPES = Set.of("openai", "moonshot", "qwen", "azure", "ai360", "github", "groq",
            "baichuan", "yi", "deepseek", "zhipuai", "ollama", "claude", "baidu", "stepfun", "minimax", "gemini",
            "mistral", "cohere", "doubao", "coze", "openrouter", "grok", "bedrock", "vertex", "vllm");

    private final Map<String, ObjectNode> entries = new TreeMap<>();
    private final Map<String, String> proxies = new TreeMap<>();

    synchronized ConsoleAnswer handle(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> save(body, 201);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> entries.containsKey(name) ? envelope(answer(name)) : empty(404);
            case "PUT" -> {
                if (body == null || !body.isObject() || ConsoleObjects.text(body, "name") == null) {
                    yield error(500, "javax.validation.ValidationException: Provider name in the URL doesn't match "
                            + "the one in the body.");
                }
                ObjectNode b = ((ObjectNode) body).deepCopy().put("name", name);
                yield save(b, 200);
            }
            case "DELETE" -> {
                entries.remove(name);
                proxies.remove(name);
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    synchronized void clear() {
        entries.clear();
        proxies.clear();
    }

    synchronized List<ObjectNode> all() {
        return entries.keySet().stream().map(this::answer).toList();
    }

    synchronized ObjectNode entry(String name) {
        ObjectNode e = entries.get(name);
        return e == null ? null : e.deepCopy();
    }

    private ConsoleAnswer save(JsonNode body, int status) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        String name = ConsoleObjects.text(body, "name");
        if (name == null) {
            return error(500, ILLEGAL + "name cannot be blank.");
        }
        if (name.contains("/")) {
            return error(500, ILLEGAL + "slashes (/) are not allowed in name.");
        }
        String type = ConsoleObjects.text(body, "type");
        if (type == null) {
            return error(500, ILLEGAL + "type cannot be blank.");
        }
        String protocol = ConsoleObjects.text(body, "protocol");
        if (protocol != null && !protocol.equals("openai/v1") && !protocol.equals("original")) {
            return error(500, ILLEGAL + "Unknown protocol: " + protocol);
        }
        if (!TYPES.contains(type)) {
            return invalid("Provider type " + type + " is not supported");
        }
        ObjectNode entry = body.get("rawConfigs") instanceof ObjectNode r ? r.deepCopy()
                : ConsoleSimulator.JSON.createObjectNode();
        String refused = normalize(type, entry);
        if (refused != null) {
            return invalid(refused);
        }
        entry.put("id", name).put("type", type).put("protocol", "original".equals(protocol) ? "original" : "openai");
        entry.remove("apiTokens");
        if (body.path("tokens").isArray() && !body.get("tokens").isEmpty()) {
            entry.set("apiTokens", body.get("tokens"));
        }
        entry.remove("failover");
        entry.remove("retryOnFailure");
        if (body.get("tokenFailoverConfig") instanceof ObjectNode f) {
            ObjectNode failover = entry.putObject("failover");
            f.fields().forEachRemaining(x -> {
                if (!x.getValue().isNull()) {
                    failover.set(x.getKey(), x.getValue());
                }
            });
            ObjectNode retry = entry.putObject("retryOnFailure");
            if (f.hasNonNull("enabled")) {
                retry.set("enabled", f.get("enabled"));
            }
        }
        entries.put(name, entry);
        String proxy = ConsoleObjects.text(body, "proxyName");
        if (proxy == null) {
            proxies.remove(name);
        } else {
            proxies.put(name, proxy);
        }
        return raw(status, answer(name));
    }

    /** The handlers' normalizeConfigs, for the types the tests use: the refusal's message, or null. */
    private static String normalize(String type, ObjectNode raw) {
        switch (type) {
            case "qwen" -> {
                raw.put("qwenEnableSearch", raw.path("qwenEnableSearch").asBoolean(false));
                raw.put("qwenEnableCompatible", raw.path("qwenEnableCompatible").asBoolean(true));
            }
            case "zhipuai" -> raw.put("zhipuCodePlanMode", raw.path("zhipuCodePlanMode").asBoolean(true));
            case "claude" -> {
                if (ConsoleObjects.text(raw, "claudeVersion") == null) {
                    raw.put("claudeVersion", "2023-06-01");
                }
            }
            case "azure" -> {
                String url = ConsoleObjects.text(raw, "azureServiceUrl");
                if (url == null) {
                    return raw.path("azureServiceUrl").isTextual() ? "azureServiceUrl cannot be empty."
                            : "azureServiceUrl must be a string.";
                }
                String query = URI.create(url).getRawQuery();
                if (query == null || !query.matches("(.*&)?api-version=[^&]+.*")) {
                    return "Azure service URL must have a non-empty api-version query parameter.";
                }
            }
            case "bedrock" -> {
                for (String k : List.of("awsRegion", "awsAccessKey", "awsSecretKey")) {
                    if (ConsoleObjects.text(raw, k) == null) {
                        return k + " cannot be empty.";
                    }
                }
            }
            case "ollama" -> {
                if (ConsoleObjects.text(raw, "ollamaServerHost") == null) {
                    return "ollamaServerHost must be a string.";
                }
                JsonNode port = raw.get("ollamaServerPort");
                if (port == null || !(port.isInt() || port.isTextual() && port.asText().matches("\\d+"))) {
                    return "ollamaServerPort must be a number.";
                }
                raw.put("ollamaServerPort", port.asInt());
            }
            case "vllm" -> {
                if (ConsoleObjects.text(raw, "vllmCustomUrl") == null) {
                    return "No vLLM service URL is configured.";
                }
            }
            case "vertex" -> {
                for (String k : List.of("vertexRegion", "vertexProjectId", "vertexAuthKey")) {
                    if (ConsoleObjects.text(raw, k) == null) {
                        return k + " cannot be empty.";
                    }
                }
                raw.put("vertexRegion", raw.get("vertexRegion").asText().toLowerCase(java.util.Locale.ROOT));
                raw.put("vertexAuthServiceName", "vertex-auth.internal");
            }
            default -> {
            }
        }
        return null;
    }

    /** LlmProvider as the console's GET answers it (Jackson writes nulls). */
    private ObjectNode answer(String name) {
        ObjectNode e = entries.get(name);
        ObjectNode p = ConsoleSimulator.JSON.createObjectNode();
        p.put("name", name).put("type", e.path("type").asText())
                .put("protocol", "original".equals(e.path("protocol").asText()) ? "original" : "openai/v1");
        p.put("proxyName", proxies.get(name));
        p.set("tokens", e.has("apiTokens") ? e.get("apiTokens").deepCopy() : ConsoleSimulator.JSON.nullNode());
        if (e.get("failover") instanceof ObjectNode f && !f.isEmpty()) {
            ObjectNode t = p.putObject("tokenFailoverConfig");
            t.put("enabled", f.path("enabled").asBoolean(false));
            for (String k : List.of("failureThreshold", "successThreshold", "healthCheckInterval",
                    "healthCheckTimeout", "healthCheckModel")) {
                t.set(k, f.has(k) ? f.get(k) : ConsoleSimulator.JSON.nullNode());
            }
        } else {
            p.putNull("tokenFailoverConfig");
        }
        p.set("rawConfigs", e.deepCopy());
        return p;
    }
}
