package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gate read from a cluster's gateways at one instant, per gateway: the counters it judges by (admin names,
 * {@code /stats?format=json}) and, when p99 is checked, the cumulative latency histograms ({@code /stats/prometheus}
 * buckets, keyed {@code vhost:<name>} / {@code cluster:<name>}, each bucket bound to its count). Counters and
 * cumulative buckets only grow, so two samples give exactly what happened between them.
 */
@RegisterForReflection
record GateSample(Instant at, Map<String, Map<String, Long>> counters,
        Map<String, Map<String, TreeMap<Double, Long>>> histograms) {

    /** Per gateway, its rejected-update counters alone (what is journaled before the apply). */
    Map<String, Map<String, Long>> rejections() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counters.forEach((gw, values) -> {
            Map<String, Long> rejected = new TreeMap<>();
            values.forEach((name, v) -> {
                if (RejectedUpdates.isRejectionCounter(name)) {
                    rejected.put(name, v);
                }
            });
            out.put(gw, rejected);
        });
        return out;
    }
}
