package io.higress.fleet.upstream.envoy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;

/** Where one gateway's admin listener answers right now: a direct URL, or a local port-forward. */
@RegisterForReflection
public record AdminAddress(boolean ssl, String host, int port, String basePath) {

    public static AdminAddress of(String url) {
        URI uri = URI.create(url);
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new AdminAddress(ssl, uri.getHost(), port, path);
    }
}
