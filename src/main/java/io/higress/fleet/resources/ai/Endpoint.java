package io.higress.fleet.resources.ai;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.util.Locale;

/**
 * Where a provider is reached (the console's LlmProviderEndpoint): scheme {@code http|https}, host, port,
 * context path.
 */
@RegisterForReflection
record Endpoint(String protocol, String address, int port, String contextPath) {

    static Endpoint https(String host) {
        return new Endpoint("https", host, 443, "/");
    }

    /** As LlmProviderEndpoint.fromUri: another scheme counts as http; the port defaults by the scheme. */
    static Endpoint of(URI uri) {
        String scheme = uri.getScheme();
        String protocol = scheme != null && ("http".equals(scheme.toLowerCase(Locale.ROOT))
                || "https".equals(scheme.toLowerCase(Locale.ROOT))) ? scheme : "http";
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(protocol) ? 443 : 80;
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return new Endpoint(protocol, uri.getHost(), port, path);
    }
}
