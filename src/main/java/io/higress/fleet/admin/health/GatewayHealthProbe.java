package io.higress.fleet.admin.health;

import io.higress.fleet.admin.configdump.ConfigDumpSummarizer;
import io.higress.fleet.admin.configdump.ConfigSection;
import io.higress.fleet.admin.parse.ClustersHealth;
import io.higress.fleet.admin.parse.ClustersParser;
import io.higress.fleet.admin.parse.ServerInfo;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one gateway's health with three small calls in parallel: {@code /server_info} (state, version, uptime;
 * it failing means unreachable), {@code /clusters?format=json} (upstream host health) and
 * {@code /config_dump?mask=version_info} (the xDS version each section applied — Envoy prints only that, not the
 * resources). Its breaker state is the facade's own.
 */
@ApplicationScoped
public class GatewayHealthProbe {

    private final EnvoyAdmin envoy;
    private final UpstreamGuards guards;
    private final ConfigDumpSummarizer summarizer = new ConfigDumpSummarizer();

    public GatewayHealthProbe(EnvoyAdmin envoy, UpstreamGuards guards) {
        this.envoy = envoy;
        this.guards = guards;
    }

    public Uni<FleetHealth.GatewayStatus> probe(Cluster c, Gateway g) {
        Uni<ServerInfo> info = envoy.get(c, g, "/server_info", Map.of(), CallOptions.READ, EnvoyAdmin.OK,
                a -> ServerInfo.parse(a.text()));
        Uni<ClustersHealth> hosts = envoy.get(c, g, "/clusters", Map.of("format", "json"), CallOptions.READ,
                EnvoyAdmin.OK, a -> ClustersParser.parseJson(a.text()));
        // The normal read deadline, not the slow one of full dumps: a dashboard must not wait 30 s for one gateway
        // whose config_dump hangs; its versions are then missing and the item says why.
        Uni<Map<String, String>> versions = envoy.get(c, g, "/config_dump", Map.of("mask", "version_info"),
                CallOptions.READ, EnvoyAdmin.OK, a -> versions(a.body().getBytes()));
        return Uni.combine().all().unis(settle(info), settle(hosts), settle(versions))
                .with((i, h, v) -> status(g, i, h, v,
                        guards.breakerState(UpstreamRef.envoyAdmin(c.name(), g.name())).name()));
    }

    private Map<String, String> versions(byte[] dump) {
        Map<String, String> versions = new TreeMap<>();
        for (ConfigSection s : summarizer.summarize(dump).sections()) {
            if (s.versionInfo() != null) {
                versions.put(s.kind(), s.versionInfo());
            }
        }
        return versions;
    }

    @RegisterForReflection
    private record Read<T>(T value, Problem error) {
    }

    private static <T> Uni<Read<T>> settle(Uni<T> call) {
        return call.map(v -> new Read<T>(v, null))
                .onFailure().recoverWithItem(e -> new Read<>(null, GatewayFanOut.problemOf(e)));
    }

    private static FleetHealth.GatewayStatus status(Gateway g, Read<ServerInfo> info, Read<ClustersHealth> hosts,
            Read<Map<String, String>> versions, String breaker) {
        List<Problem> errors = new ArrayList<>();
        for (Read<?> r : List.of(info, hosts, versions)) {
            if (r.error() != null) {
                errors.add(r.error());
            }
        }
        boolean reachable = info.value() != null;
        ServerInfo si = info.value();
        String state = reachable ? si.state() : null;
        boolean green = reachable && errors.isEmpty() && "LIVE".equals(state) && "CLOSED".equals(breaker)
                && hosts.value().totals().unhealthy() == 0;
        return new FleetHealth.GatewayStatus(g.name(), !reachable ? "red" : green ? "green" : "yellow", reachable,
                state, reachable ? si.version() : null, reachable ? si.uptimeSeconds() : null, versions.value(),
                hosts.value() == null ? null : hosts.value().totals(), breaker, errors.isEmpty() ? null : errors);
    }
}
