package io.higress.fleet.sim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A misbehaviour a simulated gateway shows on its admin port. Only requests whose path starts with {@code path}
 * are affected ({@code null} = every path). {@code latencyMs} delays whatever comes next; at most one of the other
 * kinds applies, checked in the order hang, reset, status, garbage, truncate, oversize.
 *
 * @param path          path prefix the fault applies to, or null for all
 * @param latencyMs     delay before answering (or before misbehaving)
 * @param hang          accept the request and never answer
 * @param reset         close the connection abruptly (TCP RST) without answering
 * @param status        answer this HTTP status with a short text body (0 = not set)
 * @param garbage       answer 200 with random non-JSON bytes
 * @param truncate      send half of the normal body, announcing the full Content-Length, then close
 * @param oversizeBytes answer 200 with a valid JSON body of this many bytes (0 = not set)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Fault(String path, long latencyMs, boolean hang, boolean reset, int status, boolean garbage,
        boolean truncate, long oversizeBytes) {

    public Fault {
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        if (latencyMs < 0 || oversizeBytes < 0) {
            throw new IllegalArgumentException("latencyMs and oversizeBytes must not be negative");
        }
    }

    public static final Fault NONE = new Fault(null, 0, false, false, 0, false, false, 0);

    public static Builder builder() {
        return new Builder();
    }

    public static Fault latency(long ms) {
        return builder().latencyMs(ms).build();
    }

    public static Fault hanging() {
        return builder().hang().build();
    }

    public static Fault resetting() {
        return builder().reset().build();
    }

    public static Fault status(int status) {
        return builder().status(status).build();
    }

    public static Fault garbageBody() {
        return builder().garbage().build();
    }

    public static Fault truncated() {
        return builder().truncate().build();
    }

    public static Fault oversize(long bytes) {
        return builder().oversizeBytes(bytes).build();
    }

    /** The same fault limited to paths starting with {@code prefix}. */
    public Fault onPath(String prefix) {
        return new Fault(prefix, latencyMs, hang, reset, status, garbage, truncate, oversizeBytes);
    }

    public boolean appliesTo(String requestPath) {
        return path == null || requestPath.startsWith(path);
    }

    public boolean isNone() {
        return equals(NONE.onPath(path));
    }

    public static final class Builder {
        private String path;
        private long latencyMs;
        private boolean hang;
        private boolean reset;
        private int status;
        private boolean garbage;
        private boolean truncate;
        private long oversizeBytes;

        public Builder path(String prefix) {
            this.path = prefix;
            return this;
        }

        public Builder latencyMs(long ms) {
            this.latencyMs = ms;
            return this;
        }

        public Builder hang() {
            this.hang = true;
            return this;
        }

        public Builder reset() {
            this.reset = true;
            return this;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder garbage() {
            this.garbage = true;
            return this;
        }

        public Builder truncate() {
            this.truncate = true;
            return this;
        }

        public Builder oversizeBytes(long bytes) {
            this.oversizeBytes = bytes;
            return this;
        }

        public Fault build() {
            return new Fault(path, latencyMs, hang, reset, status, garbage, truncate, oversizeBytes);
        }
    }
}
