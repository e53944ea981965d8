package io.higress.fleet.sim;

import java.util.Map;

/**
 * One Envoy statistic under its two names: the flat admin name ({@code cluster.X.upstream_rq_2xx}) and the tag
 * extracted Prometheus family with labels ({@code envoy_cluster_upstream_rq_xx{envoy_response_code_class="2",...}}).
 * Histograms carry cumulative bucket counts for {@link #BUCKETS}.
 */
record Stat(String name, String family, Map<String, String> labels, Type type, long value, long[] buckets,
        double sum) {

    enum Type { COUNTER, GAUGE, HISTOGRAM }

    /** Envoy's default histogram bucket bounds (milliseconds for timing histograms). */
    static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
        300000, 600000, 1800000, 3600000};

    static Stat counter(String name, String family, Map<String, String> labels, long value) {
        return new Stat(name, family, labels, Type.COUNTER, value, null, 0);
    }

    static Stat gauge(String name, String family, Map<String, String> labels, long value) {
        return new Stat(name, family, labels, Type.GAUGE, value, null, 0);
    }

    /** A histogram whose samples spread over the buckets by fixed fractions, so buckets grow with the count. */
    static Stat histogram(String name, String family, Map<String, String> labels, long count, double meanMs) {
        double[] cumulativeShare = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.97, 0.99, 0.995, 1};
        long[] buckets = new long[BUCKETS.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = (long) (count * cumulativeShare[Math.min(i, cumulativeShare.length - 1)]);
        }
        return new Stat(name, family, labels, Type.HISTOGRAM, count, buckets, count * meanMs);
    }

    /** What {@code usedonly} keeps: Envoy tracks a "used" flag; a non-zero value stands in for it here. */
    boolean used() {
        return value != 0;
    }
}
