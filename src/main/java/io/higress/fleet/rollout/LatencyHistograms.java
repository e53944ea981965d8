package io.higress.fleet.rollout;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Envoy's request-time histograms from {@code /stats/prometheus}: cumulative buckets of
 * {@code envoy_vhost_vcluster_upstream_rq_time} (per virtual host) and {@code envoy_cluster_upstream_rq_time} (per
 * upstream cluster), keyed {@code vhost:<name>} / {@code cluster:<name>}, and the p99 of the requests between two
 * samples (Prometheus' {@code histogram_quantile}: linear within the bucket the rank falls into).
 */
final class LatencyHistograms {
    static final String FILTER = "^(vhost\\..+\\.vcluster\\..+|cluster\\..+)\\.upstream_rq_time$";
    private static final String VHOST = "envoy_vhost_vcluster_upstream_rq_time_bucket{";
    private static final String CLUSTER = "envoy_cluster_upstream_rq_time_bucket{";

    private LatencyHistograms() {
    }

    static Map<String, TreeMap<Double, Long>> parse(String exposition) {
        Map<String, TreeMap<Double, Long>> out = new HashMap<>();
        for (String line : exposition.split("\n")) {
            boolean vhost = line.startsWith(VHOST);
            if (!vhost && !line.startsWith(CLUSTER)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            if (close < 0) {
                continue;
            }
            Map<String, String> labels = labels(line.substring(line.indexOf('{') + 1, close));
            String name = labels.get(vhost ? "envoy_virtual_host" : "envoy_cluster_name");
            String le = labels.get("le");
            if (name == null || le == null) {
                continue;
            }
            try {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                long count = (long) Double.parseDouble(line.substring(close + 1).strip());
                out.computeIfAbsent((vhost ? "vhost:" : "cluster:") + name, k -> new TreeMap<>())
                        .merge(bound, count, Long::sum);
            } catch (NumberFormatException e) {
                // a sample we cannot read is no evidence either way
            }
        }
        return out;
    }

    /** {@code a="b",c="d\"e"}: label values are quoted, with backslash escapes. */
    private static Map<String, String> labels(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf("=\"", i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < text.length() && text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            out.put(key, value.toString());
            i = j + 2; // past the closing quote and the comma
        }
        return out;
    }

    /** Adds {@code now - before} of each bucket into {@code into} (a histogram that went down restarted: all of now). */
    static void addDelta(TreeMap<Double, Long> into, TreeMap<Double, Long> before, TreeMap<Double, Long> now) {
        long nowTotal = now.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        long beforeTotal = before == null ? 0 : before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        boolean restarted = before == null || nowTotal < beforeTotal;
        now.forEach((bound, count) -> into.merge(bound,
                restarted ? count : Math.max(0, count - before.getOrDefault(bound, 0L)), Long::sum));
    }

    /** The p99 (ms) of a histogram of cumulative buckets, or null without samples. */
    static Double p99(TreeMap<Double, Long> buckets) {
        long total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        if (total <= 0) {
            return null;
        }
        double rank = 0.99 * total;
        double lowerBound = 0;
        long lowerCount = 0;
        for (Map.Entry<Double, Long> b : buckets.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) {
                    return lowerBound;
                }
                long inBucket = b.getValue() - lowerCount;
                return inBucket <= 0 ? b.getKey()
                        : lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = b.getKey();
            lowerCount = b.getValue();
        }
        return lowerBound;
    }
}
