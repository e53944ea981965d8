package io.higress.fleet.sim;

/**
 * Request counters that grow with wall time at a steady rate, split into 2xx and 5xx by the gateway's current
 * error ratio. Counts are accumulated (not recomputed from the ratio) so they stay monotonic when the ratio changes,
 * as Prometheus counters must.
 */
final class TrafficCounters {

    private final double requestsPerSecond;
    private long lastTickNanos = System.nanoTime();
    private double ok;
    private double failed;

    TrafficCounters(double requestsPerSecond, long initialRequests) {
        this.requestsPerSecond = requestsPerSecond;
        this.ok = initialRequests;
    }

    /** Advances the counters to now and returns {2xx, 5xx}. */
    synchronized long[] advance(double errorRatio) {
        long now = System.nanoTime();
        double delta = requestsPerSecond * (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        failed += delta * errorRatio;
        ok += delta * (1 - errorRatio);
        return new long[] {(long) ok, (long) failed};
    }
}
