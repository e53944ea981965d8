package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a route sends: an Envoy cluster ({@code route.cluster} or one of {@code route.weighted_clusters}), or the
 * request header naming it ({@code route.cluster_header}).
 *
 * @param weight the weight among {@code weighted_clusters}; null for a single cluster
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Upstream(String cluster, Integer weight, String header) {

    static Upstream cluster(String name) {
        return new Upstream(name, null, null);
    }

    @Override
    public String toString() {
        String target = cluster != null ? cluster : "header:" + header;
        return weight == null ? target : target + "=" + weight;
    }
}
