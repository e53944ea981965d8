package io.higress.fleet.sim;

/**
 * Requests a simulated gateway answers for one virtual host (a domain on listener 80), on top of its background
 * traffic: a rate, a 5xx share and a latency, all changeable while it serves, so a test can make one host fail
 * while the gateway as a whole stays healthy. Counts and the latency histogram are accumulated, never recomputed,
 * so they stay monotonic when a knob changes (the window a gate reads then shows the change).
 */
public final class HostTraffic {

    private final String domain;
    private volatile double requestsPerSecond = 20;
    private volatile double errorRatio;
    private volatile double latencyMs = 20;
    private volatile String upstreamCluster;
    private long lastTickNanos = System.nanoTime();
    private double ok;
    private double failed;
    private final double[] buckets = new double[Stat.BUCKETS.length];
    private double latencySum;

    HostTraffic(String domain) {
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }

    /** Envoy's virtual host name for it ({@code domain:80}) as its stats spell it ({@code :} becomes {@code _}). */
    String statName() {
        return domain + "_80";
    }

    public HostTraffic setRequestsPerSecond(double rate) {
        if (rate < 0) {
            throw new IllegalArgumentException("requests per second must be >= 0, got " + rate);
        }
        advance();
        this.requestsPerSecond = rate;
        return this;
    }

    public HostTraffic setErrorRatio(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("error ratio must be within 0..1, got " + ratio);
        }
        advance();
        this.errorRatio = ratio;
        return this;
    }

    public HostTraffic setLatencyMs(double latency) {
        if (latency < 0) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latency);
        }
        advance();
        this.latencyMs = latency;
        return this;
    }

    /** The upstream cluster ({@code outbound|port||host}) its requests go to, also counted in its cluster stats. */
    public HostTraffic setUpstreamCluster(String cluster) {
        this.upstreamCluster = cluster;
        return this;
    }

    public double errorRatio() {
        return errorRatio;
    }

    public double latencyMs() {
        return latencyMs;
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    public String upstreamCluster() {
        return upstreamCluster;
    }

    /** Counts and cumulative latency buckets at one instant (read together, so they agree). */
    record Snapshot(long ok, long failed, double latencySum, long[] buckets) {
    }

    synchronized Snapshot snapshot() {
        double[] counts = advance();
        return new Snapshot((long) counts[0], (long) counts[1], counts[2], buckets());
    }

    /** Advances to now: {2xx, 5xx, latency sum}; {@link #buckets()} then holds the cumulative bucket counts. */
    synchronized double[] advance() {
        long now = System.nanoTime();
        double delta = requestsPerSecond * (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        failed += delta * errorRatio;
        ok += delta * (1 - errorRatio);
        latencySum += delta * latencyMs;
        for (int i = 0; i < buckets.length; i++) {
            if (Stat.BUCKETS[i] >= latencyMs) {
                buckets[i] += delta;
            }
        }
        return new double[] {ok, failed, latencySum};
    }

    synchronized long[] buckets() {
        long[] out = new long[buckets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) buckets[i];
        }
        return out;
    }
}
