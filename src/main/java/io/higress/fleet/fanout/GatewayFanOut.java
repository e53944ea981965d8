package io.higress.fleet.fanout;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.discovery.ClusterGateways;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.discovery.GatewayDiscovery;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Calls every gateway of the targeted clusters and settles each call into a {@link FleetItem}, emitted in
 * completion order. A failure never cancels the others: it becomes an error item carrying its mapped problem.
 */
@ApplicationScoped
public class GatewayFanOut {

    /** The call made on each gateway. */
    public interface GatewayCall {
        Uni<?> call(Cluster cluster, Gateway gateway);
    }

    private final GatewayDiscovery discovery;
    private final int concurrency;

    public GatewayFanOut(GatewayDiscovery discovery, FleetConfig config) {
        this.discovery = discovery;
        this.concurrency = config.fanout().concurrency();
    }

    public Multi<FleetItem> across(List<Cluster> clusters, GatewayCall call) {
        return across(clusters, call, concurrency);
    }

    /** With at most {@code maxInFlight} calls at once (streamed dumps hold a connection each while they wait). */
    public Multi<FleetItem> across(List<Cluster> clusters, GatewayCall call, int maxInFlight) {
        return Multi.createFrom().iterable(clusters)
                .onItem().transformToMultiAndMerge(cluster -> gatewaysOf(cluster, call))
                .onItem().transformToUni(target -> target).merge(maxInFlight);
    }

    /**
     * Like {@link #across(List, GatewayCall, int)}, with {@code settled} applied to each item as soon as it settles
     * (on the thread that settled it). A call's slot is held until its result is taken downstream, so at most
     * {@code maxInFlight} results wait there at once.
     */
    public <T> Multi<T> across(List<Cluster> clusters, GatewayCall call, int maxInFlight,
            java.util.function.Function<FleetItem, T> settled) {
        return Multi.createFrom().iterable(clusters)
                .onItem().transformToMultiAndMerge(cluster -> gatewaysOf(cluster, call))
                .onItem().transformToUni(target -> target.map(settled)).merge(maxInFlight);
    }

    /** Each gateway's call as a not-yet-subscribed Uni; discovery failures become one error item per cluster. */
    private Multi<Uni<FleetItem>> gatewaysOf(Cluster cluster, GatewayCall call) {
        return discovery.gateways(cluster).onItem().transformToMulti(found -> {
            if (found.gateways().isEmpty()) {
                return Multi.createFrom().item(Uni.createFrom().item(noGateways(cluster, found)));
            }
            return Multi.createFrom().iterable(found.gateways()).map(g -> settle(cluster, g, call));
        });
    }

    private static FleetItem noGateways(Cluster cluster, ClusterGateways found) {
        Problem problem = found.error() != null ? found.error()
                : Problem.of(ProblemType.NOT_FOUND, "no gateway found in cluster '" + cluster.name() + "'")
                        .withHint("check fleet.clusters." + cluster.name() + ".gateways (namespace "
                                + cluster.config().gateways().namespace() + ", selector "
                                + cluster.config().gateways().selector() + ")");
        return FleetItem.failed(cluster.name(), null, 0, problem.withTarget(cluster.name(), null));
    }

    public static Uni<FleetItem> settle(Cluster cluster, Gateway gateway, GatewayCall call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.call(cluster, gateway).onItemOrFailure().transform((data, e) -> e == null
                    ? FleetItem.ok(cluster.name(), gateway.name(), millisSince(start), data)
                    : FleetItem.failed(cluster.name(), gateway.name(), millisSince(start),
                            problemOf(e).withTarget(cluster.name(), gateway.name())));
        });
    }

    public static Problem problemOf(Throwable e) {
        if (e instanceof ProblemException p) {
            return p.problem();
        }
        return Problem.of(ProblemType.INTERNAL, "unexpected failure: " + e.getClass().getSimpleName());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
