package io.higress.fleet.admin.read;

import io.higress.fleet.fanout.PartialPolicy;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.QueryParameters;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fleet read, checked before any gateway is called: the endpoint (404 listing the valid ones), no unknown
 * query parameter (400 naming it), the Envoy parameters, the partial policy and the targeting.
 *
 * @param envoyQuery what is sent to each gateway
 */
@RegisterForReflection
public record FleetReadRequest(AdminEndpoint endpoint, List<Cluster> targets, PartialPolicy partial,
        Map<String, String> envoyQuery) {

    /** Parameters every fleet call takes. */

    public static FleetReadRequest parse(String endpointId, Map<String, List<String>> params,
            ClusterRegistry registry) {
        AdminEndpoint endpoint = AdminEndpoint.of(endpointId);
        Set<String> allowed = new TreeSet<>(endpoint.envoyParams());
        allowed.add("partial");
        rejectUnknown(params, allowed);
        Map<String, String> envoyQuery = EnvoyParams.envoyQuery(endpoint, params);
        PartialPolicy partial = PartialPolicy.parse(EnvoyParams.single(params, "partial"));
        List<Cluster> targets = registry.select(EnvoyParams.single(params, "clusters"),
                EnvoyParams.single(params, "selector"));
        return new FleetReadRequest(endpoint, targets, partial, envoyQuery);
    }

    /** Only targeting and {@code allowed}: a misspelt parameter must not be silently ignored. */
    public static void rejectUnknown(Map<String, List<String>> params, Set<String> allowed) {
        Set<String> valid = new TreeSet<>(QueryParameters.TARGETING);
        valid.addAll(allowed);
        QueryParameters.rejectUnknown(params, valid);
    }

    /** The checked Envoy parameters of one endpoint, without what the facade adds (a raw read gets Envoy's default). */
    public static Map<String, String> envoyParams(AdminEndpoint endpoint, Map<String, List<String>> params) {
        Map<String, String> query = new java.util.LinkedHashMap<>(EnvoyParams.envoyQuery(endpoint, params));
        query.keySet().removeAll(endpoint.fixedQuery().keySet());
        return query;
    }

    /** Targeting of reads that take no Envoy parameter (health, consistency, Prometheus). */
    public static List<Cluster> targets(Map<String, List<String>> params, ClusterRegistry registry, Set<String> allowed) {
        rejectUnknown(params, allowed);
        return registry.select(EnvoyParams.single(params, "clusters"), EnvoyParams.single(params, "selector"));
    }
}
