package io.higress.fleet.cluster;

import io.higress.fleet.cluster.FleetConfig.GuardOverride;
import io.higress.fleet.cluster.FleetConfig.GuardSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;

/** The effective guard settings of one upstream: its kind's defaults with its cluster's overrides applied. */
@RegisterForReflection
public record GuardPolicy(Duration timeout, Duration slowTimeout, int retries, Duration retryBackoff,
        Duration retryMaxBackoff, int breakerWindow, int breakerMinCalls, double breakerFailureRatio,
        Duration breakerDelay,
        int concurrency, int queue) {

    public static GuardPolicy of(GuardSettings d) {
        return new GuardPolicy(d.timeout(), d.slowTimeout(), d.retries(), d.retryBackoff(), d.retryMaxBackoff(),
                d.breakerWindow(), d.breakerMinCalls(), d.breakerFailureRatio(), d.breakerDelay(), d.concurrency(), d.queue());
    }

    public static GuardPolicy of(GuardSettings d, GuardOverride o) {
        return new GuardPolicy(
                o.timeout().orElse(d.timeout()),
                o.slowTimeout().orElse(d.slowTimeout()),
                o.retries().orElse(d.retries()),
                o.retryBackoff().orElse(d.retryBackoff()),
                o.retryMaxBackoff().orElse(d.retryMaxBackoff()),
                o.breakerWindow().orElse(d.breakerWindow()),
                o.breakerMinCalls().orElse(d.breakerMinCalls()),
                o.breakerFailureRatio().orElse(d.breakerFailureRatio()),
                o.breakerDelay().orElse(d.breakerDelay()),
                o.concurrency().orElse(d.concurrency()),
                o.queue().orElse(d.queue()));
    }
}
