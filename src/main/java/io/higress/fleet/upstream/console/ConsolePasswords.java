package io.higress.fleet.upstream.console;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each console's block and credentials: the configured username and the password read from its
 * {@code password-file} (read lazily through Vert.x's asynchronous file system, never blocking an event loop, once
 * per cluster; a failed read is not cached, so fixing the file fixes the next call), or, for a cluster registered
 * through the API, the password its Secret holds.
 */
@ApplicationScoped
public class ConsolePasswords {

    private final FleetConfig config;
    private final Vertx vertx;
    private final ConcurrentHashMap<String, Uni<ConsoleCredentials>> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cluster> registered = new ConcurrentHashMap<>();

    public ConsolePasswords(FleetConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void changed(@Observes ClusterChange change) {
        if (change.current() != null) {
            registered.put(change.name(), change.current());
        } else {
            registered.remove(change.name());
        }
        cache.remove(change.name());
    }

    /** The cluster's console block, or a 404 problem when it names none. */
    FleetConfig.Console console(String cluster) {
        Cluster c = registered.get(cluster);
        return c != null ? ConsoleClusters.console(cluster, c.config()) : ConsoleClusters.console(config, cluster);
    }

    Uni<ConsoleCredentials> credentials(String cluster) {
        return cache.computeIfAbsent(cluster, c -> Uni.createFrom().deferred(() -> load(c)).memoize().indefinitely())
                .onFailure().invoke(() -> cache.remove(cluster));
    }

    private Uni<ConsoleCredentials> load(String cluster) {
        FleetConfig.Console console = console(cluster);
        Cluster c = registered.get(cluster);
        if (c != null && c.credentials().consolePassword() != null) {
            return Uni.createFrom().item(new ConsoleCredentials(console.username(), c.credentials().consolePassword()));
        }
        String file = console.passwordFile().orElse(null);
        if (file == null) {
            return Uni.createFrom().failure(unreadable(cluster, "no console.password-file is configured"));
        }
        return vertx.fileSystem().readFile(file)
                .map(buffer -> new ConsoleCredentials(console.username(), firstLine(buffer.toString())))
                .onFailure(t -> !(t instanceof ProblemException))
                // The I/O message names the file, never its content.
                .transform(t -> unreadable(cluster, "cannot read console.password-file: " + t.getMessage()));
    }

    /** Secret files often end with a newline that is not part of the password. */
    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static ProblemException unreadable(String cluster, String detail) {
        return new ProblemException(Problem.of(ProblemType.UPSTREAM_UNAUTHORIZED, "console of cluster " + cluster
                + ": " + detail).withTarget(cluster, null)
                .withHint("check fleet.clusters." + cluster + ".console.password-file"));
    }
}
