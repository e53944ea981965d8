package io.higress.fleet.admin.routes;

import io.higress.fleet.admin.configdump.GatewayDumps;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.FleetSummary;
import io.higress.fleet.fanout.GatewayFanOut;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/fleet/routes}: every targeted gateway's config_dump streamed through
 * {@link RouteConfigTokens} (up to {@code fleet.fanout.dump-concurrency} at once), each gateway's selected routes
 * folded into the {@link RouteTable} as soon as its dump ends. Memory: the chunks in flight plus the table.
 */
@ApplicationScoped
public class RouteTableReads {

    private final GatewayFanOut fanOut;
    private final GatewayDumps dumps;
    private final int dumpConcurrency;

    public RouteTableReads(GatewayFanOut fanOut, GatewayDumps dumps, FleetConfig config) {
        this.fanOut = fanOut;
        this.dumps = dumps;
        this.dumpConcurrency = config.fanout().dumpConcurrency();
    }

    /** A 400 naming {@code host} or {@code path} (thrown, before any gateway is called) when one cannot be a request's. */
    public Uni<RouteTableAnswer> table(List<Cluster> targets, String host, String path) {
        RouteQuery query = RouteQuery.of(host, path);
        return Uni.createFrom().deferred(() -> {
            RouteTable table = new RouteTable();
            List<FleetItem> unavailable = new ArrayList<>();
            int[] counts = new int[2];
            return fanOut.across(targets, (c, g) -> dumps.read(c, g, () -> new RouteConfigTokens(query)),
                            dumpConcurrency)
                    .onItem().invoke(item -> {
                        synchronized (table) {
                            if (item.isOk()) {
                                counts[0]++;
                                @SuppressWarnings("unchecked")
                                List<VirtualHostRoutes> hosts = (List<VirtualHostRoutes>) item.data();
                                table.add(item.cluster(), item.gateway(), hosts);
                            } else {
                                counts[1]++;
                                unavailable.add(item);
                            }
                        }
                    })
                    .collect().last()
                    .map(last -> {
                        synchronized (table) {
                            return new RouteTableAnswer(table.rows(),
                                    new FleetSummary(counts[0] + counts[1], counts[0], counts[1]),
                                    counts[1] > 0, List.copyOf(unavailable));
                        }
                    });
        });
    }
}
