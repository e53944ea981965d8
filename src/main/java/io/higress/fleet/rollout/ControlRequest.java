package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A control asked on a replica that does not drive the rollout, kept in the rollout's object until the driving
 * replica (the Lease's holder) applies it; {@link RolloutDocument#requestsHandled} counts the ones it took.
 */
@RegisterForReflection
record ControlRequest(String id, Control action, String by, Instant at) {
}
