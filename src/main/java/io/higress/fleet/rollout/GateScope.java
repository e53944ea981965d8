package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.TreeSet;

/**
 * What a rollout's change can break, as Envoy's stats name it: the virtual hosts (domains) of its routes and the
 * upstream clusters ({@code outbound|port||service.namespace.svc.cluster.local}, Istio's naming, which Higress
 * keeps) they send to. The metrics gate reads these; a rollout without routes (plugins only) has none and is
 * judged on the whole gateway.
 */
@RegisterForReflection
record GateScope(List<String> hosts, List<String> upstreamClusters) {

    static GateScope of(List<RolloutObject> objects) {
        TreeSet<String> hosts = new TreeSet<>();
        TreeSet<String> clusters = new TreeSet<>();
        for (RolloutObject o : objects) {
            JsonNode body = o.body();
            if (RolloutObject.MANIFEST.equals(o.kind())) {
                body.path("spec").path("rules").forEach(rule -> add(hosts, rule.path("host")));
                body.path("spec").path("hostnames").forEach(h -> add(hosts, h));
            } else if ("routes".equals(o.kind())) {
                body.path("domain").forEach(h -> add(hosts, h));
                if (body.hasNonNull("serviceName") && body.hasNonNull("servicePort")) {
                    clusters.add("outbound|" + body.get("servicePort").asInt() + "||"
                            + body.get("serviceName").asText() + "." + o.namespace() + ".svc.cluster.local");
                }
            }
        }
        return new GateScope(List.copyOf(hosts), List.copyOf(clusters));
    }

    private static void add(TreeSet<String> hosts, JsonNode host) {
        // a wildcard domain has no virtual host of its own name to read
        if (host.isTextual() && !host.asText().isBlank() && !host.asText().contains("*")) {
            hosts.add(host.asText());
        }
    }

    /**
     * Whether a virtual host's stat name is this domain's: Istio names virtual hosts {@code domain:port}, and Envoy
     * writes the {@code :} of a stat name as {@code _}.
     */
    static boolean isHostOf(String virtualHost, String domain) {
        return virtualHost.equals(domain) || virtualHost.startsWith(domain + "_") || virtualHost.startsWith(domain + ":");
    }
}
