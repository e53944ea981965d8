package io.higress.fleet.upstream.console;

import io.higress.fleet.cluster.FleetConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.higress.fleet.cluster.ClusterChange;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Consoles' reachability and version for {@code /api/v1/clusters}, so that a dead console does not slow the listing:
 * the last known status is answered at once and, once older than {@code fleet.discovery.console-status-ttl},
 * checked again in the background. Only a cluster never checked waits, for the check itself (bounded by the
 * console guard's timeouts). Concurrent checks of one console are coalesced into one.
 */
@ApplicationScoped
public class ConsoleStatusCache {
    private static final Logger LOG = Logger.getLogger(ConsoleStatusCache.class);

    @RegisterForReflection
    private record Known(ConsoleStatus status, long checkedAtNanos) {
    }

    private final HigressConsoleClient console;
    private final Duration ttl;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Uni<ConsoleStatus>> checking = new ConcurrentHashMap<>();

    public ConsoleStatusCache(HigressConsoleClient console, FleetConfig config) {
        this.console = console;
        this.ttl = config.discovery().consoleStatusTtl();
    }

    void changed(@Observes ClusterChange change) {
        known.remove(change.name());
    }

    public Uni<ConsoleStatus> status(String cluster) {
        return known(cluster).map(status -> Uni.createFrom().item(status)).orElseGet(() -> check(cluster));
    }

    /**
     * The last known status without waiting (health checks), or empty before the first check ended; a check is
     * started in the background when none is known or the known one is older than the TTL.
     */
    public Optional<ConsoleStatus> known(String cluster) {
        Known last = known.get(cluster);
        if (last == null || System.nanoTime() - last.checkedAtNanos() >= ttl.toNanos()) {
            check(cluster).subscribe().with(s -> {
            }, t -> LOG.debugf(t, "Console status check of cluster %s failed", cluster));
        }
        return Optional.ofNullable(last).map(Known::status);
    }

    private Uni<ConsoleStatus> check(String cluster) {
        return checking.computeIfAbsent(cluster, c -> console.status(c)
                .invoke(s -> known.put(c, new Known(s, System.nanoTime())))
                .eventually(() -> {
                    checking.remove(c); // a statement: returning the removed Uni would make eventually wait for it
                })
                .memoize().indefinitely());
    }
}
