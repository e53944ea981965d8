package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;

/**
 * Engine timing: how long a cluster may take to pass verification (converged) after its apply, and the longest
 * pause between two gate checks during a bake (shorter bakes are checked five times).
 */
@RegisterForReflection
public record RolloutSettings(Duration verifyTimeout, Duration maxPollInterval) {

    Duration pollInterval(Duration waitTime) {
        Duration fifth = waitTime.dividedBy(5);
        Duration floor = Duration.ofMillis(50);
        return fifth.compareTo(maxPollInterval) > 0 ? maxPollInterval : fifth.compareTo(floor) < 0 ? floor : fifth;
    }
}
