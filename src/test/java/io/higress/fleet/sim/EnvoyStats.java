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
        List<Listener> listeners = topology.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            double share = i == 0 ? 0.7 : 0.3 / (listeners.size() - 1);
            addListener(stats, listeners.get(i), (long) (requests[0] * share), (long) (requests[1] * share));
        }
        return stats;
    }

    private static void addCluster(List<Stat> stats, Upstream u, long ok, long failed) {
        String prefix = "cluster." + u.clusterName() + ".";
        Map<String, String> cluster = Map.of("envoy_cluster_name", u.clusterName());
        stats.add(Stat.gauge(prefix + "membership_healthy", "envoy_cluster_membership_healthy", cluster,
                u.hosts().size()));
        stats.add(Stat.gauge(prefix + "membership_total", "envoy_cluster_membership_total", cluster,
                u.hosts().size()));
        stats.add(Stat.counter(prefix + "upstream_rq_2xx", "envoy_cluster_upstream_rq_xx",
                codeClass("2", "envoy_cluster_name", u.clusterName()), ok));
        stats.add(Stat.counter(prefix + "upstream_rq_5xx", "envoy_cluster_upstream_rq_xx",
                codeClass("5", "envoy_cluster_name", u.clusterName()), failed));
        stats.add(Stat.counter(prefix + "upstream_rq_total", "envoy_cluster_upstream_rq_total", cluster,
                ok + failed));
        stats.add(Stat.counter(prefix + "upstream_cx_connect_fail", "envoy_cluster_upstream_cx_connect_fail",
                cluster, 0));
        stats.add(Stat.histogram(prefix + "upstream_rq_time", "envoy_cluster_upstream_rq_time", cluster,
                ok + failed, 42));
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
