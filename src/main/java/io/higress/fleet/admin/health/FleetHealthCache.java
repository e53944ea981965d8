package io.higress.fleet.admin.health;

import io.higress.fleet.admin.parse.HostHealthCounts;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The fleet health summary, from a cache with request coalescing. Per targeting (the sorted selected cluster names)
 * one fan-out at a time; a summary younger than {@code fleet.health.ttl} is served as it is. When it is older, the
 * first request starts the next fan-out and, for {@code fleet.health.stale-grace} more, requests are still served
 * the previous summary instead of waiting for it — so a dashboard never waits on the refresh that its polling
 * triggered. Each gateway is thus called at most once per TTL, however many dashboards poll.
 */
@ApplicationScoped
public class FleetHealthCache {

    /** Distinct targetings remembered; beyond that the cache starts over (they are cheap to rebuild). */
    private static final int MAX_KEYS = 256;

    /** The last summary of a targeting (null before the first), when it was made, and the fan-out running. */
    @RegisterForReflection
    private record Entry(FleetHealth last, long madeAtNanos, Uni<FleetHealth> refreshing) {
        long ageNanos() {
            return System.nanoTime() - madeAtNanos;
        }
    }

    private final GatewayFanOut fanOut;
    private final GatewayHealthProbe probe;
    private final long ttlNanos;
    private final long graceNanos;
    private final Map<String, Entry> byTargeting = new ConcurrentHashMap<>();

    public FleetHealthCache(GatewayFanOut fanOut, GatewayHealthProbe probe, FleetConfig config) {
        this.fanOut = fanOut;
        this.probe = probe;
        this.ttlNanos = config.health().ttl().toNanos();
        this.graceNanos = config.health().staleGrace().toNanos();
    }

    public Uni<FleetHealth> health(List<Cluster> targets) {
        Entry entry = refreshIfStale(targets);
        if (entry.last() != null && entry.ageNanos() <= ttlNanos + graceNanos) {
            return Uni.createFrom().item(entry.last());
        }
        return entry.refreshing();
    }

    /**
     * The last summary of these targets whatever its age, without waiting (health checks): empty before the first
     * fan-out ended. Like {@link #health}, it starts the next fan-out when the summary is older than the TTL.
     */
    public Optional<FleetHealth> known(List<Cluster> targets) {
        return Optional.ofNullable(refreshIfStale(targets).last());
    }

    private Entry refreshIfStale(List<Cluster> targets) {
        String key = targets.stream().map(Cluster::name).sorted().collect(Collectors.joining(","));
        if (byTargeting.size() > MAX_KEYS) {
            byTargeting.clear();
        }
        AtomicReference<Uni<FleetHealth>> started = new AtomicReference<>();
        Entry entry = byTargeting.compute(key, (k, current) -> {
            if (current == null || (current.last() != null && current.refreshing() == null
                    && current.ageNanos() > ttlNanos)) {
                started.set(fanOut.across(targets, probe::probe).collect().asList().map(this::summarise)
                        .memoize().indefinitely());
                return new Entry(current == null ? null : current.last(),
                        current == null ? 0 : current.madeAtNanos(), started.get());
            }
            return current;
        });
        if (started.get() != null) {
            // Subscribed outside compute(): its completion updates the map.
            started.get().subscribe().with(summary -> byTargeting.computeIfPresent(key,
                            (k, current) -> new Entry(summary, System.nanoTime(), null)),
                    failure -> byTargeting.computeIfPresent(key, (k, current) -> current.last() == null ? null
                            : new Entry(current.last(), current.madeAtNanos(), null)));
        }
        return entry;
    }

    private FleetHealth summarise(List<FleetItem> items) {
        Map<String, List<FleetItem>> byCluster = items.stream()
                .collect(Collectors.groupingBy(FleetItem::cluster, TreeMap::new, Collectors.toList()));
        List<FleetHealth.ClusterStatus> clusters = new ArrayList<>();
        List<FleetHealth.GatewayStatus> all = new ArrayList<>();
        byCluster.forEach((name, clusterItems) -> {
            List<FleetHealth.GatewayStatus> gateways = clusterItems.stream().filter(FleetItem::isOk)
                    .map(i -> (FleetHealth.GatewayStatus) i.data())
                    .sorted(Comparator.comparing(FleetHealth.GatewayStatus::name)).toList();
            all.addAll(gateways);
            // A cluster whose gateways could not be listed has one error item without a gateway.
            FleetItem listing = clusterItems.stream().filter(i -> !i.isOk()).findFirst().orElse(null);
            clusters.add(new FleetHealth.ClusterStatus(name, clusterStatus(gateways), gateways,
                    listing == null ? null : listing.error()));
        });
        int green = count(all, "green");
        int yellow = count(all, "yellow");
        int red = count(all, "red");
        HostHealthCounts hosts = all.stream().map(FleetHealth.GatewayStatus::hosts).filter(h -> h != null)
                .reduce(HostHealthCounts.ZERO, HostHealthCounts::plus);
        FleetHealth.Counts counts = new FleetHealth.Counts(clusters.size(), all.size(),
                (int) all.stream().filter(FleetHealth.GatewayStatus::reachable).count(),
                (int) all.stream().filter(g -> "LIVE".equals(g.state())).count(), green, yellow, red, hosts);
        String overall = clusters.stream().anyMatch(c -> c.status().equals("red")) ? "red"
                : clusters.stream().anyMatch(c -> c.status().equals("yellow")) ? "yellow" : "green";
        return new FleetHealth(overall, Instant.now(), ttlNanos / 1_000_000, counts, clusters);
    }

    private static String clusterStatus(List<FleetHealth.GatewayStatus> gateways) {
        if (gateways.isEmpty() || gateways.stream().allMatch(g -> g.status().equals("red"))) {
            return "red";
        }
        return gateways.stream().allMatch(g -> g.status().equals("green")) ? "green" : "yellow";
    }

    private static int count(List<FleetHealth.GatewayStatus> gateways, String status) {
        return (int) gateways.stream().filter(g -> g.status().equals(status)).count();
    }
}
