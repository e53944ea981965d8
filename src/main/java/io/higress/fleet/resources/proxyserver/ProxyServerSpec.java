package io.higress.fleet.resources.proxyserver;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A proxy server, the Higress Console's ProxyServer: an entry of the McpBridge {@code default}'s {@code proxies}
 * that static and dns service sources reach their endpoints through ({@code proxyName}). {@code type} (Higress has
 * {@code http}), {@code serverAddress} (an IP address or domain), {@code serverPort}, {@code connectTimeout} (ms).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProxyServerSpec(
        String name,
        String type,
        String serverAddress,
        Integer serverPort,
        Integer connectTimeout,
        String namespace) implements Spec {
}
