/**
 * What the AI kinds share, as the Higress Console's LlmProviderService and its provider handlers define it: the
 * provider types ({@link ProviderType}: their defaults, required raw configurations and endpoints), a provider's
 * entry in the {@code ai-proxy} plugin and the service sources and upstream service derived from it
 * ({@link ProviderEntry}). The kinds are {@code ai.provider} ({@code /api/v1/ai/providers}) and {@code ai.route}
 * ({@code /api/v1/ai/routes}).
 */
package io.higress.fleet.resources.ai;
