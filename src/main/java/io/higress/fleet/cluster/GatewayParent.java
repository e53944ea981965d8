package io.higress.fleet.cluster;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code fleet.clusters.<c>.gateway-parent}: the Gateway ({@code namespace/name}) a route written as an HTTPRoute in
 * that cluster attaches to ({@code spec.parentRefs}).
 */
@RegisterForReflection
public record GatewayParent(String namespace, String name) {

    /** {@code namespace/name}, or null when it is not one (a DNS-1123 label, a slash, a DNS-1123 subdomain). */
    public static GatewayParent parse(String value) {
        int slash = value == null ? -1 : value.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String namespace = value.substring(0, slash);
        String name = value.substring(slash + 1);
        return Names.isDns1123Label(namespace) && Names.isDns1123Subdomain(name)
                ? new GatewayParent(namespace, name) : null;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
