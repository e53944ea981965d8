package io.higress.fleet.health;

import io.higress.fleet.admin.health.FleetHealth;
import io.higress.fleet.admin.health.FleetHealthCache;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.discovery.ClusterStatus;
import io.higress.fleet.discovery.ClusterGateways;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.discovery.GatewayDiscovery;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.console.ConsoleStatus;
import io.higress.fleet.upstream.console.ConsoleStatusCache;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The {@code fleet} check: what this facade sees of its clusters, from what it already knows: the gateway
 * discovery cache (pods listed, ready), the breakers, the console status cache and the last
 * {@code /api/v1/fleet/health} summary of every cluster (gateways reachable and LIVE). Stale entries are refreshed in
 * the background, never waited for.
 * <p>
 * A wellness check: shown in {@code /q/health} and {@code /q/health/well}, never in {@code /q/health/ready}, so a
 * cluster outage does not take the facade out of its Service. DOWN only when clusters are configured, at least one
 * is known, and none of the known ones is reachable.
 */
@Wellness
@ApplicationScoped
class FleetCheck implements AsyncHealthCheck {

    /** Per-cluster entries are prefixed: a cluster named like a count ("ok", "clusters") cannot overwrite it. */
    static final String KEY = "cluster/";

    private final ClusterRegistry registry;
    private final GatewayDiscovery discovery;
    private final ConsoleStatusCache consoles;
    private final FleetHealthCache summaries;
    private final UpstreamGuards guards;

    FleetCheck(ClusterRegistry registry, GatewayDiscovery discovery, ConsoleStatusCache consoles,
            FleetHealthCache summaries, UpstreamGuards guards) {
        this.registry = registry;
        this.discovery = discovery;
        this.consoles = consoles;
        this.summaries = summaries;
        this.guards = guards;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::report);
    }

    private HealthCheckResponse report() {
        List<Cluster> clusters = List.copyOf(registry.all());
        Optional<FleetHealth> summary = clusters.isEmpty() ? Optional.empty() : summaries.known(clusters);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("fleet");
        Map<ClusterStatus, Integer> counts = new EnumMap<>(ClusterStatus.class);
        int unknown = 0;
        long discovered = 0;
        long podsReady = 0;
        for (Cluster cluster : clusters) {
            Optional<ClusterGateways> found = discovery.known(cluster);
            if (found.isEmpty()) {
                unknown++;
                response.withData(KEY + cluster.name(), "unknown: gateways not listed yet");
                continue;
            }
            ConsoleStatus console = cluster.consoleUrl().isPresent()
                    ? consoles.known(cluster.name()).orElse(null) : null;
            Optional<FleetHealth.ClusterStatus> envoy = summary.flatMap(s -> s.clusters().stream()
                    .filter(c -> c.name().equals(cluster.name())).findFirst());
            ClusterStatus condition = condition(cluster, found.get(), console, envoy);
            counts.merge(condition, 1, Integer::sum);
            discovered += found.get().gateways().size();
            podsReady += found.get().readyCount();
            response.withData(KEY + cluster.name(), describe(condition, found.get(), console, envoy));
        }
        int unreachable = counts.getOrDefault(ClusterStatus.UNREACHABLE, 0);
        response.withData("clusters", clusters.size())
                .withData("ok", counts.getOrDefault(ClusterStatus.OK, 0))
                .withData("degraded", counts.getOrDefault(ClusterStatus.DEGRADED, 0))
                .withData("unreachable", unreachable)
                .withData("unknown", unknown)
                .withData("gateways-discovered", discovered)
                .withData("gateways-ready", podsReady);
        summary.ifPresent(s -> response.withData("gateways-reachable", s.counts().reachable())
                .withData("gateways-live", s.counts().live())
                .withData("summary-at", s.generatedAt().toString()));
        boolean noneReachable = !clusters.isEmpty() && unknown < clusters.size()
                && unreachable == clusters.size() - unknown;
        return response.status(!noneReachable).build();
    }

    /**
     * The registry's condition, made worse by what Envoy answered: no gateway reachable is unreachable, one not
     * reachable or not LIVE is degraded.
     */
    private ClusterStatus condition(Cluster cluster, ClusterGateways found, ConsoleStatus console,
            Optional<FleetHealth.ClusterStatus> envoy) {
        ClusterStatus condition = ClusterStatus.of(cluster, found, console, guards);
        if (condition == ClusterStatus.UNREACHABLE || envoy.isEmpty() || envoy.get().gateways().isEmpty()) {
            return condition;
        }
        List<FleetHealth.GatewayStatus> gateways = envoy.get().gateways();
        if (gateways.stream().noneMatch(FleetHealth.GatewayStatus::reachable)) {
            return ClusterStatus.UNREACHABLE;
        }
        return gateways.stream().allMatch(g -> g.reachable() && "LIVE".equals(g.state())) ? condition
                : ClusterStatus.DEGRADED;
    }

    private static String describe(ClusterStatus condition, ClusterGateways found, ConsoleStatus console,
            Optional<FleetHealth.ClusterStatus> envoy) {
        StringBuilder text = new StringBuilder(condition.wire()).append(": ");
        if (found.gateways().stream().anyMatch(g -> g.ready() != null)) { // pods: Kubernetes says whether ready
            text.append(found.readyCount()).append(" of ").append(found.gateways().size()).append(" gateways ready");
        } else {
            text.append(found.gateways().size()).append(" gateways configured");
        }
        envoy.ifPresent(e -> text.append(", ")
                .append(e.gateways().stream().filter(g -> "LIVE".equals(g.state())).count())
                .append(" LIVE (").append(e.status()).append(')'));
        if (found.error() != null) {
            // /q/health is open: what went wrong (addresses, upstream messages) is for GET /api/v1/clusters only
            text.append("; the gateway listing failed (GET /api/v1/clusters says why)");
        }
        if (console != null && !console.reachable()) {
            text.append("; console not answering");
        }
        return text.toString();
    }
}
