package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Envoy's {@code /clusters} in both formats into per-cluster host health.
 * <p>
 * JSON ({@code ?format=json}) is preferred. The text format ({@code cluster::host::field::value}) is parsed without
 * splitting naively: Istio/Higress cluster names contain {@code |}, IPv6 hosts print as {@code [2001:db8::1]:80}.
 * The cluster name is what precedes the first {@code ::} (Envoy cluster names of Istio/Higress never contain it).
 */
public final class ClustersParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClustersParser() {
    }

    public static ClustersHealth parseJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw MalformedAdminResponseException.invalidJson("/clusters", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAdminResponseException("/clusters: expected a JSON object");
        }
        List<ClusterHealth> clusters = new ArrayList<>();
        for (JsonNode cluster : root.path("cluster_statuses")) {
            List<HostHealth> hosts = new ArrayList<>();
            for (JsonNode host : cluster.path("host_statuses")) {
                hosts.add(HostHealth.of(Addresses.format(host.path("address")), jsonFlags(host.path("health_status"))));
            }
            clusters.add(ClusterHealth.of(cluster.path("name").asText(), hosts));
        }
        return ClustersHealth.of(clusters);
    }

    /** Maps {@code health_status} to the flag names of the text format. */
    static List<String> jsonFlags(JsonNode status) {
        List<String> flags = new ArrayList<>();
        flag(flags, status, "failed_active_health_check", "failed_active_hc");
        flag(flags, status, "failed_outlier_check", "failed_outlier_check");
        String eds = status.path("eds_health_status").asText("");
        if (eds.equals("UNHEALTHY") || eds.equals("DRAINING") || eds.equals("TIMEOUT")) {
            flags.add("failed_eds_health");
        }
        flag(flags, status, "failed_active_degraded_check", "degraded_active_hc");
        if (eds.equals("DEGRADED")) {
            flags.add("degraded_eds_health");
        }
        flag(flags, status, "pending_dynamic_removal", "pending_dynamic_removal");
        flag(flags, status, "pending_active_hc", "pending_active_hc");
        flag(flags, status, "excluded_via_immediate_hc_fail", "excluded_via_immediate_hc_fail");
        flag(flags, status, "active_hc_timeout", "active_hc_timeout");
        return flags;
    }

    private static void flag(List<String> flags, JsonNode status, String jsonName, String flagName) {
        if (status.path(jsonName).asBoolean(false)) {
            flags.add(flagName);
        }
    }

    public static ClustersHealth parseText(String text) {
        Map<String, Map<String, List<String>>> hostsByCluster = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int sep = line.indexOf("::");
            if (sep <= 0) {
                throw new MalformedAdminResponseException("/clusters line " + lineNo + ": no 'cluster::' prefix");
            }
            String cluster = line.substring(0, sep);
            Map<String, List<String>> hosts = hostsByCluster.computeIfAbsent(cluster, k -> new LinkedHashMap<>());
            parseClusterLine(line.substring(sep + 2), hosts, lineNo);
        }
        List<ClusterHealth> clusters = new ArrayList<>();
        hostsByCluster.forEach((name, hosts) -> {
            List<HostHealth> list = new ArrayList<>();
            hosts.forEach((address, flags) -> list.add(HostHealth.of(address, flags)));
            clusters.add(ClusterHealth.of(name, list));
        });
        return ClustersHealth.of(clusters);
    }

    /** {@code rest} is {@code host::field::value} or a cluster-level line such as {@code outlier::x::0}. */
    private static void parseClusterLine(String rest, Map<String, List<String>> hosts, int lineNo) {
        int hostEnd;
        if (rest.startsWith("[")) {
            int bracket = rest.indexOf(']');
            hostEnd = bracket < 0 ? -1 : rest.indexOf("::", bracket);
        } else {
            hostEnd = rest.indexOf("::");
        }
        if (hostEnd < 0) {
            throw new MalformedAdminResponseException("/clusters line " + lineNo + ": no field separator");
        }
        String host = rest.substring(0, hostEnd);
        String fieldAndValue = rest.substring(hostEnd + 2);
        if (!looksLikeHost(host)) {
            return; // cluster-level line: observability_name, outlier::..., default_priority::..., added_via_api
        }
        List<String> flags = hosts.computeIfAbsent(host, k -> new ArrayList<>());
        if (fieldAndValue.startsWith("health_flags::")) {
            String value = fieldAndValue.substring("health_flags::".length());
            if (!value.equals("healthy")) {
                Arrays.stream(value.split("/")).filter(f -> !f.isEmpty()).forEach(flags::add);
            }
        }
    }

    /** Hosts are {@code ip:port}, {@code [ipv6]:port}, pipe paths or {@code envoy://} internal addresses. */
    private static boolean looksLikeHost(String s) {
        return s.startsWith("[") || s.startsWith("/") || s.startsWith("@") || s.contains(":") || s.contains("/");
    }
}
