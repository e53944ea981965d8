package io.higress.fleet.admin.consistency;

import io.higress.fleet.admin.configdump.ConfigDumpSummarizer;
import io.higress.fleet.admin.configdump.ConfigDumpSummary;
import io.higress.fleet.admin.configdump.MalformedConfigDumpException;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamException;
import io.higress.fleet.upstream.UpstreamProblems;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
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
    private final EnvoyAdmin envoy;
    private final ConfigDumpSummarizer summarizer = new ConfigDumpSummarizer();
    private final ConsistencyAnalyzer analyzer = new ConsistencyAnalyzer();
    private final int dumpConcurrency;

    public ConsistencyReads(GatewayFanOut fanOut, EnvoyAdmin envoy, FleetConfig config) {
        this.fanOut = fanOut;
        this.envoy = envoy;
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
        return envoy.stream(c, g, "/config_dump", Map.of(), CallOptions.SLOW_READ, EnvoyAdmin.OK)
                .flatMap(answer -> {
                    ConfigDumpSummarizer.Feed feed = summarizer.open();
                    return answer.body()
                            .onItem().invoke(chunk -> {
                                byte[] bytes = chunk.getBytes();
                                feed.feed(bytes, 0, bytes.length);
                            })
                            .collect().last()
                            .map(done -> feed.finish());
                })
                // The body is read after the guard let go: map its failures the way the guard would.
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new ProblemException(
                        UpstreamProblems.toProblem(e instanceof MalformedConfigDumpException
                                ? UpstreamException.malformed(e.getMessage(), e) : e,
                                UpstreamRef.envoyAdmin(c.name(), g.name()))));
    }
}
