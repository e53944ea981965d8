package io.higress.fleet.upstream.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;

/** Where a console answers: {@code fleet.clusters.<c>.console.url}, split for Vert.x. The console has no context path. */
@RegisterForReflection
record ConsoleAddress(boolean ssl, String host, int port, String basePath) {

    static ConsoleAddress of(String url) {
        URI uri = URI.create(url);
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new ConsoleAddress(ssl, uri.getHost(), port, path);
    }
}
