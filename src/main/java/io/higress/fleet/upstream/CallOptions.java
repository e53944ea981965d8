package io.higress.fleet.upstream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How one call may be guarded. Only idempotent calls are retried; slow calls (big dumps) get the longer deadline;
 * priority calls (the rollout health gate's) are served first by a busy upstream's bulkhead, from their own queue.
 */
@RegisterForReflection
public record CallOptions(boolean idempotent, boolean slow, boolean priority) {
    public static final CallOptions READ = new CallOptions(true, false, false);
    public static final CallOptions SLOW_READ = new CallOptions(true, true, false);
    public static final CallOptions WRITE = new CallOptions(false, false, false);
    public static final CallOptions GATE_READ = new CallOptions(true, false, true);
    public static final CallOptions GATE_SLOW_READ = new CallOptions(true, true, true);
}
