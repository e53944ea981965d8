package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code host[:port]} as the brief writes registry addresses. */
@RegisterForReflection
public record HostPort(String host, int port) {

    /** Null when malformed; {@code defaultPort} applies when no port is given. */
    public static HostPort parse(String s, int defaultPort) {
        if (s == null || s.isBlank() || s.contains("/") || s.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(s, defaultPort);
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.isEmpty() || host.contains(":") || !port.matches("\\d{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535 ? new HostPort(host, p) : null;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
