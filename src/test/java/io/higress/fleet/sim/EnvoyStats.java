package io.higress.fleet.sim;

import io.higress.fleet.sim.GatewayTopology.Listener;
import io.higress.fleet.sim.GatewayTopology.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of a simulated gateway at this instant. Request counters come from the gateway's monotonic
 * {@link TrafficCounters}, split over upstream clusters and listeners by fixed weights, so every counter is
 * monotonic and the 5xx share follows the gateway's error ratio.
 */
final class EnvoyStats {

    private EnvoyStats() {
    }

    static List<Stat> snapshot(SimulatedGateway gw, GatewayTopology topology) {
        long[] requests = gw.upstreamRequests();
        List<Stat> stats = new ArrayList<>();
        ServerState state = gw.state();
        stats.add(Stat.gauge("server.live", "envoy_server_live", Map.of(), state == ServerState.LIVE ? 1 : 0));
        stats.add(Stat.gauge("server.state", "envoy_server_state", Map.of(), state.gaugeValue()));
        stats.add(Stat.gauge("server.uptime", "envoy_server_uptime", Map.of(), gw.uptimeSeconds()));
        stats.add(Stat.gauge("server.concurrency", "envoy_server_concurrency", Map.of(), 2));
        stats.add(Stat.counter("server.debug_assertion_failures", "envoy_server_debug_assertion_failures",
                Map.of(), 0));
        stats.add(Stat.gauge("cluster_manager.active_clusters", "envoy_cluster_manager_active_clusters", Map.of(),
                topology.upstreams().size() + 3));
        stats.add(Stat.gauge("cluster_manager.warming_clusters", "envoy_cluster_manager_warming_clusters",
                Map.of(), 0));
        stats.add(Stat.gauge("listener_manager.workers_started", "envoy_listener_manager_workers_started",
                Map.of(), 1));

        List<Upstream> upstreams = topology.upstreams();
        int weightSum = upstreams.size() * (upstreams.size() + 1) / 2;
        for (int i = 0; i < upstreams.size(); i++) {
            Upstream u = upstreams.get(i);
            double share = (double) (i + 1) / weightSum;
            addCluster(stats, u, (long) (requests[0] * share), (long) (requests[1] * share));
        }
        // the extra hosts a test serves: their own vhost stats, counted in listener 80 and their upstream cluster
        long hostOk = 0;
        long hostFailed = 0;
        for (HostTraffic h : gw.hosts().values()) {
            HostTraffic.Snapshot now = h.snapshot();
            long ok = now.ok();
            long failed = now.failed();
            hostOk += ok;
            hostFailed += failed;
            // the histogram's count is its last bucket's (every request is within an hour), so +Inf agrees with them
            Stat latency = new Stat(null, null, null, Stat.Type.HISTOGRAM, now.buckets()[now.buckets().length - 1],
                    now.buckets(), now.latencySum());
            addVirtualHost(stats, h, ok, failed, latency);
            if (h.upstreamCluster() != null) {
                addCluster(stats, new Upstream(h.upstreamCluster(), "", 0, List.of()), h.upstreamCluster(), ok,
                        failed, latency);
            }
        }
        List<Listener> listeners = topology.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            double share = i == 0 ? 0.7 : 0.3 / (listeners.size() - 1);
            addListener(stats, listeners.get(i), (long) (requests[0] * share) + (i == 0 ? hostOk : 0),
                    (long) (requests[1] * share) + (i == 0 ? hostFailed : 0));
        }
        addRejections(stats, gw, topology);
        return stats;
    }

    /**
     * Envoy's rejected-update counters: LDS and CDS always; RDS per route configuration; ECDS per Wasm filter
     * (update_rejected and config_fail), plus any filter a test made reject that the topology does not list.
     */
    private static void addRejections(List<Stat> stats, SimulatedGateway gw, GatewayTopology topology) {
        Map<String, Long> rejected = new java.util.TreeMap<>(gw.rejections());
        List<String> names = new ArrayList<>(List.of("listener_manager.lds.update_rejected",
                "cluster_manager.cds.update_rejected"));
        for (Listener l : topology.listeners()) {
            names.add("http." + l.statPrefix() + ".rds." + l.routeConfigName() + ".update_rejected");
        }
        for (String plugin : ConfigDumpGenerator.PLUGINS) {
            String prefix = "extension_config_discovery.http_filter." + EnvoyIdentity.NAMESPACE + "." + plugin
                    + "-1.0.0.";
            names.add(prefix + "update_rejected");
            names.add(prefix + "config_fail");
        }
        for (String name : names) {
            rejected.putIfAbsent(name, 0L);
        }
        rejected.forEach((name, value) -> stats.add(Stat.counter(name, family(name), Map.of(), value)));
    }

    /** The Prometheus name Envoy gives a counter without tag extraction: {@code envoy_} and dots as underscores. */
    private static String family(String name) {
        return "envoy_" + name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static void addVirtualHost(List<Stat> stats, HostTraffic h, long ok, long failed, Stat latency) {
        String prefix = "vhost." + h.statName() + ".vcluster.other.";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("envoy_virtual_cluster", "other");
        labels.put("envoy_virtual_host", h.statName());
        stats.add(Stat.counter(prefix + "upstream_rq_2xx", "envoy_vhost_vcluster_upstream_rq_xx",
                withCodeClass("2", labels), ok));
        stats.add(Stat.counter(prefix + "upstream_rq_5xx", "envoy_vhost_vcluster_upstream_rq_xx",
                withCodeClass("5", labels), failed));
        stats.add(Stat.counter(prefix + "upstream_rq_total", "envoy_vhost_vcluster_upstream_rq_total", labels,
                ok + failed));
        stats.add(new Stat(prefix + "upstream_rq_time", "envoy_vhost_vcluster_upstream_rq_time", labels,
                Stat.Type.HISTOGRAM, latency.value(), latency.buckets(), latency.sum()));
    }

    private static Map<String, String> withCodeClass(String codeClass, Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("envoy_response_code_class", codeClass);
        out.putAll(labels);
        return out;
    }

    private static void addCluster(List<Stat> stats, Upstream u, long ok, long failed) {
        addCluster(stats, u, u.clusterName(), ok, failed, null);
    }

    private static void addCluster(List<Stat> stats, Upstream u, String clusterName, long ok, long failed,
            Stat latency) {
        String prefix = "cluster." + clusterName + ".";
        Map<String, String> cluster = Map.of("envoy_cluster_name", clusterName);
        stats.add(Stat.gauge(prefix + "membership_healthy", "envoy_cluster_membership_healthy", cluster,
                Math.max(1, u.hosts().size())));
        stats.add(Stat.gauge(prefix + "membership_total", "envoy_cluster_membership_total", cluster,
                Math.max(1, u.hosts().size())));
        stats.add(Stat.counter(prefix + "upstream_rq_2xx", "envoy_cluster_upstream_rq_xx",
                codeClass("2", "envoy_cluster_name", clusterName), ok));
        stats.add(Stat.counter(prefix + "upstream_rq_5xx", "envoy_cluster_upstream_rq_xx",
                codeClass("5", "envoy_cluster_name", clusterName), failed));
        stats.add(Stat.counter(prefix + "upstream_rq_total", "envoy_cluster_upstream_rq_total", cluster,
                ok + failed));
        stats.add(Stat.counter(prefix + "upstream_cx_connect_fail", "envoy_cluster_upstream_cx_connect_fail",
                cluster, 0));
        stats.add(latency == null ? Stat.histogram(prefix + "upstream_rq_time", "envoy_cluster_upstream_rq_time",
                cluster, ok + failed, 42) : new Stat(prefix + "upstream_rq_time", "envoy_cluster_upstream_rq_time",
                cluster, Stat.Type.HISTOGRAM, latency.value(), latency.buckets(), latency.sum()));
    }

    private static void addListener(List<Stat> stats, Listener l, long ok, long failed) {
        String prefix = "http." + l.statPrefix() + ".";
        String label = "envoy_http_conn_manager_prefix";
        stats.add(Stat.counter(prefix + "downstream_rq_2xx", "envoy_http_downstream_rq_xx",
                codeClass("2", label, l.statPrefix()), ok));
        stats.add(Stat.counter(prefix + "downstream_rq_5xx", "envoy_http_downstream_rq_xx",
                codeClass("5", label, l.statPrefix()), failed));
        stats.add(Stat.counter(prefix + "downstream_rq_total", "envoy_http_downstream_rq_total",
                Map.of(label, l.statPrefix()), ok + failed));
    }

    private static Map<String, String> codeClass(String codeClass, String label, String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("envoy_response_code_class", codeClass);
        labels.put(label, value);
        return labels;
    }
}
