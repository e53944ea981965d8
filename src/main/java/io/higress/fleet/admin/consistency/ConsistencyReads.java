package io.higress.fleet.admin.consistency;

import io.higress.fleet.admin.configdump.ConfigDumpSummarizer;
import io.higress.fleet.admin.configdump.ConfigDumpSummary;
import io.higress.fleet.admin.configdump.GatewayDumps;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift across the fleet: every targeted gateway's config_dump is streamed through
 * {@link ConfigDumpSummarizer} (only names, versions and hashes are kept, never the dump) and the summaries are
 * compared by {@link ConsistencyAnalyzer}.
 */
@ApplicationScoped
public class ConsistencyReads {

    private final GatewayFanOut fanOut;
    private final GatewayDumps dumps;
    private final ConfigDumpSummarizer summarizer = new ConfigDumpSummarizer();
    private final ConsistencyAnalyzer analyzer = new ConsistencyAnalyzer();
    private final int dumpConcurrency;

    public ConsistencyReads(GatewayFanOut fanOut, GatewayDumps dumps, FleetConfig config) {
        this.fanOut = fanOut;
        this.dumps = dumps;
        this.dumpConcurrency = config.fanout().dumpConcurrency();
    }

    public Uni<FleetConsistency> consistency(List<Cluster> targets) {
        return fanOut.across(targets, this::summary, dumpConcurrency).collect().asList().map(items -> {
            Map<GatewayRef, ConfigDumpSummary> dumps = new HashMap<>();
            items.stream().filter(FleetItem::isOk).forEach(i ->
                    dumps.put(new GatewayRef(i.cluster(), i.gateway()), (ConfigDumpSummary) i.data()));
            return new FleetConsistency(analyzer.analyze(dumps), XdsVersionDrift.of(dumps),
                    items.stream().filter(i -> !i.isOk()).toList());
        });
    }

    private Uni<ConfigDumpSummary> summary(Cluster c, Gateway g) {
        return dumps.read(c, g, summarizer::tokens);
    }
}
