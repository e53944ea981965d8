package io.higress.fleet.upstream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Names one upstream: an Envoy admin of one gateway, one cluster's API server, one console. */
@RegisterForReflection
public record UpstreamRef(UpstreamKind kind, String cluster, String gateway) {

    public static UpstreamRef envoyAdmin(String cluster, String gateway) {
        return new UpstreamRef(UpstreamKind.ENVOY_ADMIN, cluster, gateway);
    }

    public static UpstreamRef kubernetes(String cluster) {
        return new UpstreamRef(UpstreamKind.KUBERNETES, cluster, null);
    }

    public static UpstreamRef console(String cluster) {
        return new UpstreamRef(UpstreamKind.CONSOLE, cluster, null);
    }

    /** Unique and stable: also the circuit breaker's name. */
    public String id() {
        return gateway == null ? kind.id() + ":" + cluster : kind.id() + ":" + cluster + "/" + gateway;
    }
}
