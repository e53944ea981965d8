package io.higress.fleet.admin.routes;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One route of a virtual host as the table needs it: its position, match and action (what it sends where).
 *
 * @param index       its position in the virtual host (Envoy takes the first route that matches)
 * @param match       the {@code match} object, keys in snake_case
 * @param action      {@code route}, {@code redirect}, {@code direct_response}, ... (the route's action field)
 * @param upstreams   for {@code route}: the cluster(s) and weights
 * @param conditional the match has conditions beyond host and path (other headers, query parameters, runtime
 *                    fraction, ...): a request for the path may or may not take it
 */
@RegisterForReflection
record RouteEntry(int index, String name, ObjectNode match, String action, List<Upstream> upstreams,
        boolean conditional) {

    static final Set<String> ACTIONS = Set.of("route", "redirect", "direct_response", "filter_action",
            "non_forwarding_action");
    /** Match fields that only select on the path ({@code case_sensitive} qualifies it). */
    private static final Set<String> PATH_FIELDS = Set.of("prefix", "path", "safe_regex", "path_separated_prefix",
            "case_sensitive");

    static RouteEntry of(int index, ObjectNode route) {
        ObjectNode match = route.has("match") && route.get("match").isObject() ? (ObjectNode) route.get("match")
                : route.objectNode();
        String action = ACTIONS.stream().filter(route::has).sorted().findFirst().orElse("none");
        List<Upstream> upstreams = new ArrayList<>();
        JsonNode r = route.path("route");
        if (r.hasNonNull("cluster")) {
            upstreams.add(Upstream.cluster(r.get("cluster").asText()));
        }
        for (JsonNode w : r.path("weighted_clusters").path("clusters")) {
            upstreams.add(new Upstream(w.path("name").asText(), w.path("weight").asInt(0), null));
        }
        if (r.hasNonNull("cluster_header")) {
            upstreams.add(new Upstream(null, null, r.get("cluster_header").asText()));
        }
        boolean conditional = false;
        var fields = match.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (f.equals("headers")) {
                for (JsonNode h : match.get("headers")) {
                    conditional |= !HostPattern.AUTHORITY.equals(h.path("name").asText());
                }
            } else if (!PATH_FIELDS.contains(f)) {
                conditional = true;
            }
        }
        String name = route.hasNonNull("name") ? route.get("name").asText() : null;
        return new RouteEntry(index, name, match, action, List.copyOf(upstreams), conditional);
    }
}
