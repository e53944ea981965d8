package io.higress.fleet.admin;

import io.higress.fleet.admin.prometheus.PrometheusMerger;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.envoy.AdminAnswer;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One Prometheus exposition for the targeted gateways: each gateway's {@code /stats/prometheus} merged by
 * {@link PrometheusMerger}; a gateway that did not answer is {@code higress_fleet_gateway_up 0}.
 */
@ApplicationScoped
public class PrometheusFleetMerge {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The merged text and whether some gateway is missing from it. */
    @RegisterForReflection
    public record Merged(String text, boolean partial) {
    }

    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;

    public PrometheusFleetMerge(GatewayFanOut fanOut, EnvoyAdmin envoy) {
        this.fanOut = fanOut;
        this.envoy = envoy;
    }

    public Uni<Merged> merge(List<Cluster> targets) {
        return fanOut.across(targets, (c, g) -> envoy.get(c, g, "/stats/prometheus", Map.of(), CallOptions.SLOW_READ,
                        EnvoyAdmin.OK, AdminAnswer::text))
                .collect().asList()
                // Merging thousands of lines per gateway is CPU work: keep it off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(PrometheusFleetMerge::mergeAnswers);
    }

    static Merged mergeAnswers(List<FleetItem> items) {
        PrometheusMerger merger = new PrometheusMerger();
        boolean partial = false;
        // Gateway order, not completion order: scrapes of the same fleet stay comparable line by line.
        for (FleetItem item : items.stream().sorted(Comparator.comparing(FleetItem::cluster)
                .thenComparing(i -> i.gateway() == null ? "" : i.gateway())).toList()) {
            if (item.gateway() == null) {
                partial = true; // a cluster whose gateways could not be listed has no gateway to label
            } else if (item.isOk()) {
                merger.add(item.cluster(), item.gateway(), (String) item.data());
            } else {
                merger.addDown(item.cluster(), item.gateway());
                partial = true;
            }
        }
        StringBuilder out = new StringBuilder(64 * 1024);
        try {
            merger.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Merged(out.toString(), partial);
    }
}
