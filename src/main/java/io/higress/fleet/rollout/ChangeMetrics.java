package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The metrics gate between two samples of a cluster's gateways, summed over the gateways and judged per item of
 * the change's scope: each host of the rollout's routes (Envoy's {@code vhost.<host>.vcluster.*.upstream_rq_*}),
 * else each upstream cluster they send to ({@code cluster.<name>.upstream_rq_*}), else — no such stats on any
 * gateway, or no routes in the rollout — the whole gateway ({@code http.*.downstream_rq_*}, Envoy's admin listener
 * excluded). Per item: the 5xx ratio, the p99 of {@code upstream_rq_time}, and whether it had enough requests for a
 * verdict at all (an item with fewer than {@code minRequests}, at least one, is judged on nothing).
 */
final class ChangeMetrics {
    static final String FILTER = "^(http\\..+\\.downstream_rq_(5xx|total)|vhost\\..+\\.vcluster\\..+\\.upstream_rq_(5xx|total)"
            + "|cluster\\..+\\.upstream_rq_(5xx|total))$";

    enum Outcome { PASSED, FAILED, NOT_ENOUGH_TRAFFIC }

    @RegisterForReflection
    record Verdict(Outcome outcome, String message) {
    }

    @RegisterForReflection
    private record Item(String label, Predicate<String> total, Predicate<String> errors, Predicate<String> histogram) {
    }

    private ChangeMetrics() {
    }

    static Verdict judge(String cluster, HealthGateSpec gate, GateScope scope, GateSample base, GateSample now) {
        List<Item> items = items(scope, now);
        long needed = gate.minRequests() == null ? 1 : gate.minRequests();
        List<String> starved = new ArrayList<>();
        for (Item item : items) {
            long requests = delta(base, now, item.total());
            long errors = Math.min(requests, delta(base, now, item.errors()));
            if (requests < needed) {
                starved.add(item.label() + " had " + requests + " request" + (requests == 1 ? "" : "s")
                        + (gate.minRequests() == null ? "" : ", fewer than minRequests " + needed));
                continue;
            }
            double ratio = (double) errors / requests;
            if (gate.max5xxRatio() != null && ratio > gate.max5xxRatio()) {
                return new Verdict(Outcome.FAILED, String.format(Locale.ROOT,
                        "cluster %s: 5xx ratio %.4f over the bake window exceeds %s on %s (%d of %d requests)",
                        cluster, ratio, gate.max5xxRatio(), item.label(), errors, requests));
            }
            if (gate.maxP99Ms() != null) {
                Double p99 = LatencyHistograms.p99(histogramDelta(base, now, item.histogram()));
                if (p99 != null && p99 > gate.maxP99Ms()) {
                    return new Verdict(Outcome.FAILED, String.format(Locale.ROOT,
                            "cluster %s: p99 latency %.1f ms over the bake window exceeds %s ms on %s (%d requests)",
                            cluster, p99, gate.maxP99Ms(), item.label(), requests));
                }
            }
        }
        if (!starved.isEmpty()) {
            return new Verdict(Outcome.NOT_ENOUGH_TRAFFIC, "cluster " + cluster + ": not enough traffic for the "
                    + "health gate: " + String.join("; ", starved));
        }
        return new Verdict(Outcome.PASSED, null);
    }

    /** The scope's hosts if Envoy has stats for any, else its upstream clusters if any, else the whole gateway. */
    private static List<Item> items(GateScope scope, GateSample now) {
        List<Item> hosts = new ArrayList<>();
        for (String host : scope.hosts()) {
            Predicate<String> of = name -> virtualHost(name) != null && GateScope.isHostOf(virtualHost(name), host);
            hosts.add(new Item("host " + host, of.and(n -> n.endsWith(".upstream_rq_total")),
                    of.and(n -> n.endsWith(".upstream_rq_5xx")),
                    key -> key.startsWith("vhost:") && GateScope.isHostOf(key.substring(6), host)));
        }
        if (hasStats(now, hosts)) {
            return hosts;
        }
        List<Item> clusters = new ArrayList<>();
        for (String c : scope.upstreamClusters()) {
            String prefix = "cluster." + c + ".";
            clusters.add(new Item("upstream cluster " + c, n -> n.equals(prefix + "upstream_rq_total"),
                    n -> n.equals(prefix + "upstream_rq_5xx"), key -> key.equals("cluster:" + c)));
        }
        if (hasStats(now, clusters)) {
            return clusters;
        }
        Predicate<String> downstream = n -> n.startsWith("http.") && !n.startsWith("http.admin.");
        return List.of(new Item("the whole gateway" + (scope.hosts().isEmpty() && scope.upstreamClusters().isEmpty()
                ? "" : " (Envoy has no stats of the rollout's hosts or upstream clusters)"),
                downstream.and(n -> n.endsWith(".downstream_rq_total")),
                downstream.and(n -> n.endsWith(".downstream_rq_5xx")), key -> key.startsWith("cluster:")));
    }

    /** {@code vhost.<virtual host>.vcluster.<virtual cluster>.<stat>}: the virtual host (it may hold dots). */
    private static String virtualHost(String name) {
        int vcluster = name.lastIndexOf(".vcluster.");
        return name.startsWith("vhost.") && vcluster > 6 ? name.substring(6, vcluster) : null;
    }

    private static boolean hasStats(GateSample now, List<Item> items) {
        return items.stream().anyMatch(item -> now.counters().values().stream()
                .anyMatch(values -> values.keySet().stream().anyMatch(item.total())));
    }

    private static long delta(GateSample base, GateSample now, Predicate<String> counter) {
        long sum = 0;
        for (Map.Entry<String, Map<String, Long>> gw : now.counters().entrySet()) {
            Map<String, Long> earlier = base.counters().getOrDefault(gw.getKey(), Map.of());
            for (Map.Entry<String, Long> c : gw.getValue().entrySet()) {
                if (counter.test(c.getKey())) {
                    long before = earlier.getOrDefault(c.getKey(), 0L);
                    // a counter that went down: the gateway restarted, all of now is new
                    sum += c.getValue() >= before ? c.getValue() - before : c.getValue();
                }
            }
        }
        return sum;
    }

    private static TreeMap<Double, Long> histogramDelta(GateSample base, GateSample now, Predicate<String> key) {
        TreeMap<Double, Long> out = new TreeMap<>();
        now.histograms().forEach((gw, histograms) -> histograms.forEach((k, buckets) -> {
            if (key.test(k)) {
                LatencyHistograms.addDelta(out, base.histograms().getOrDefault(gw, Map.of()).get(k), buckets);
            }
        }));
        return out;
    }
}
