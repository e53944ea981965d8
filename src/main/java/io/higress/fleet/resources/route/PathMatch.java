package io.higress.fleet.resources.route;

/**
 * A route path as the stores hold it, the one mapping of Ingress and HTTPRoute (and the console's): {@code /api/*} is
 * the prefix {@code /api} ({@code /*} the prefix {@code /}), a path without wildcard an exact one; read back, a prefix
 * {@code /api} (or {@code /api/}) is {@code /api/*}. A plain class, not a record: it is never serialized, so it needs
 * no registration for reflection (which every record gets).
 */
final class PathMatch {
    private final boolean prefix;
    private final String value;

    PathMatch(boolean prefix, String value) {
        this.prefix = prefix;
        this.value = value;
    }

    /** The route's path {@code p} (valid: {@link RouteValidator}). */
    static PathMatch of(String p) {
        boolean prefix = p.endsWith("/*");
        String value = prefix ? p.substring(0, p.length() - 2) : p;
        return new PathMatch(prefix, value.isEmpty() ? "/" : value);
    }

    boolean prefix() {
        return prefix;
    }

    /** The stored path value. */
    String value() {
        return value;
    }

    /** The route's path of a stored match. */
    String path() {
        return !prefix ? value : value.endsWith("/") ? value + "*" : value + "/*";
    }
}
