package io.higress.fleet.resources.ai.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * An LLM provider, the Higress Console's LlmProvider: {@code type} (openai, qwen, azure, claude, gemini, bedrock,
 * vertex, deepseek, ollama, vllm, ... {@link io.higress.fleet.resources.ai.ProviderType}), {@code protocol}
 * ({@code openai/v1}, the default, or {@code original}), {@code tokens} (secret), {@code tokenFailoverConfig},
 * {@code proxyName} (a proxy server of the McpBridge for the provider's service source) and {@code rawConfigs} (the
 * ai-proxy provider fields of the type: {@code azureServiceUrl}, {@code awsRegion}, {@code qwenEnableSearch}, ...).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderSpec(
        String name,
        String type,
        String protocol,
        List<String> tokens,
        TokenFailover tokenFailoverConfig,
        String proxyName,
        Map<String, Object> rawConfigs,
        String namespace) implements Spec {

    /** When a token fails: how many failures take it out, successes bring it back, and the health check. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenFailover(Boolean enabled, Integer failureThreshold, Integer successThreshold,
            Integer healthCheckInterval, Integer healthCheckTimeout, String healthCheckModel) {
    }
}
