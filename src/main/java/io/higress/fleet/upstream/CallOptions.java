package io.higress.fleet.upstream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How one call may be guarded. Only idempotent calls are retried; slow calls (big dumps) get the longer deadline.
 */
@RegisterForReflection
public record CallOptions(boolean idempotent, boolean slow) {
    public static final CallOptions READ = new CallOptions(true, false);
    public static final CallOptions SLOW_READ = new CallOptions(true, true);
    public static final CallOptions WRITE = new CallOptions(false, false);
}
