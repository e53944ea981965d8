package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One virtual host + route match across the fleet.
 *
 * @param routeConfig the route configuration ({@code route_config.name}) holding the virtual host
 * @param match       Envoy's route match (snake_case keys), e.g. {@code {"prefix":"/v1"}}
 * @param route       the route's name, where it has one
 * @param action      {@code route} (to upstreams), {@code redirect}, {@code direct_response}, ...
 * @param upstreams   where it sends, with the weights of {@code weighted_clusters}; the most common variant's
 * @param domains     the virtual host's domains; the most common variant's
 * @param version     the route configuration's {@code version_info}; the most common variant's
 * @param clusters    the clusters that have the row
 * @param gateways    per cluster, the gateways that have the row
 * @param differs     {@code gateways} when gateways of one cluster differ on it, {@code clusters} when clusters do;
 *                    absent when every gateway that answered agrees
 * @param differences what differs, between whom
 * @param variants    when it differs: each variant with its gateways, {@code missing} for gateways without the row
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteRow(String routeConfig, String virtualHost, JsonNode match, String route, String action,
        List<Upstream> upstreams, List<String> domains, String version, List<String> clusters,
        Map<String, List<String>> gateways, List<String> differs, List<Difference> differences,
        List<Variant> variants) {

    /**
     * @param between {@code gateways} (of {@code cluster}) or {@code clusters}
     * @param what    {@code presence} (some lack the row), {@code upstreams} (action, clusters or weights),
     *                {@code domains}, {@code version} (between gateways only: each cluster's control plane has its
     *                own versions)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String between, String cluster, List<String> what) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variant(Boolean missing, String action, List<Upstream> upstreams, List<String> domains,
            String version, Map<String, List<String>> gateways) {
    }
}
