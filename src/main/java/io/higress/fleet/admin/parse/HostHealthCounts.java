package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Upstream host counts; a degraded host still serves traffic and counts as healthy. */
@RegisterForReflection
public record HostHealthCounts(int total, int healthy, int unhealthy) {

    public static final HostHealthCounts ZERO = new HostHealthCounts(0, 0, 0);

    public HostHealthCounts plus(HostHealthCounts other) {
        return new HostHealthCounts(total + other.total, healthy + other.healthy, unhealthy + other.unhealthy);
    }
}
