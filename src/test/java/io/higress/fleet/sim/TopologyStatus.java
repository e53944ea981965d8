package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.arr;
import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.higress.fleet.sim.GatewayTopology.Listener;
import io.higress.fleet.sim.GatewayTopology.Upstream;
import java.util.List;
import java.util.Map;

/** {@code /clusters} and {@code /listeners}: the live view of the topology, in text and {@code format=json}. */
final class TopologyStatus {

    private TopologyStatus() {
    }

    static AdminResponse clusters(GatewayTopology topology, Map<String, String> params) {
        return "json".equals(params.get("format"))
                ? AdminResponse.json(Json.bytes(obj("cluster_statuses", clustersJson(topology.upstreams()))))
                : AdminResponse.text(200, clustersText(topology.upstreams()));
    }

    static AdminResponse listeners(GatewayTopology topology, Map<String, String> params) {
        if ("json".equals(params.get("format"))) {
            ArrayNode statuses = arr();
            for (Listener l : topology.listeners()) {
                statuses.add(obj("name", l.name(), "local_address", ConfigDumpGenerator.socket("0.0.0.0", l.port())));
            }
            return AdminResponse.json(Json.bytes(obj("listener_statuses", statuses)));
        }
        StringBuilder text = new StringBuilder();
        for (Listener l : topology.listeners()) {
            text.append(l.name()).append("::0.0.0.0:").append(l.port()).append('\n');
        }
        return AdminResponse.text(200, text.toString());
    }

    private static String clustersText(List<Upstream> upstreams) {
        StringBuilder out = new StringBuilder();
        for (Upstream u : upstreams) {
            String c = u.clusterName() + "::";
            out.append(c).append("observability_name::").append(u.clusterName()).append('\n');
            for (String priority : new String[] {"default_priority", "high_priority"}) {
                for (String limit : new String[] {"max_connections", "max_pending_requests", "max_requests",
                    "max_retries"}) {
                    out.append(c).append(priority).append("::").append(limit).append("::4294967295\n");
                }
            }
            out.append(c).append("added_via_api::true\n");
            out.append(c).append("eds_service_name::").append(u.clusterName()).append('\n');
            for (String host : u.hosts()) {
                String h = c + host + "::";
                out.append(h).append("cx_active::0\n").append(h).append("cx_connect_fail::0\n")
                        .append(h).append("cx_total::3\n").append(h).append("rq_active::0\n")
                        .append(h).append("rq_error::0\n").append(h).append("rq_success::12\n")
                        .append(h).append("rq_timeout::0\n").append(h).append("rq_total::12\n")
                        .append(h).append("hostname::\n").append(h).append("health_flags::healthy\n")
                        .append(h).append("weight::1\n").append(h).append("region::\n")
                        .append(h).append("zone::\n").append(h).append("sub_zone::\n")
                        .append(h).append("canary::false\n").append(h).append("priority::0\n")
                        .append(h).append("success_rate::-1\n").append(h).append("local_origin_success_rate::-1\n");
            }
        }
        return out.toString();
    }

    private static ArrayNode clustersJson(List<Upstream> upstreams) {
        ArrayNode statuses = arr();
        for (Upstream u : upstreams) {
            ArrayNode hosts = arr();
            for (String host : u.hosts()) {
                int colon = host.lastIndexOf(':');
                hosts.add(obj("address", ConfigDumpGenerator.socket(host.substring(0, colon),
                                Integer.parseInt(host.substring(colon + 1))),
                        "stats", arr(stat("cx_connect_fail", "0", "COUNTER"), stat("cx_total", "3", "COUNTER"),
                                stat("rq_error", "0", "COUNTER"), stat("rq_success", "12", "COUNTER"),
                                stat("rq_total", "12", "COUNTER"), stat("cx_active", "0", "GAUGE"),
                                stat("rq_active", "0", "GAUGE")),
                        "health_status", obj("eds_health_status", "HEALTHY"),
                        "weight", 1, "locality", obj()));
            }
            statuses.add(obj("name", u.clusterName(), "observability_name", u.clusterName(),
                    "eds_service_name", u.clusterName(), "added_via_api", true,
                    "circuit_breakers", obj("thresholds", arr(limits(null), limits("HIGH"))),
                    "host_statuses", hosts));
        }
        return statuses;
    }

    private static Object stat(String name, String value, String type) {
        return obj("name", name, "value", value, "type", type);
    }

    private static Object limits(String priority) {
        return obj("priority", priority, "max_connections", 4294967295L, "max_pending_requests", 4294967295L,
                "max_requests", 4294967295L, "max_retries", 4294967295L);
    }
}
