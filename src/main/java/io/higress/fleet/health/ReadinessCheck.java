package io.higress.fleet.health;

import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = this replica can serve: its configuration is valid (an invalid one stops the start, so a running facade
 * has a valid one: the registry and the credentials exist) and its data directory takes writes (the audit log and
 * the rollout journal live there). Readiness does not depend on the clusters: a facade that sees no cluster still
 * answers, and taking it out of its Service would hide that from everyone.
 */
@Readiness
@ApplicationScoped
class ReadinessCheck implements AsyncHealthCheck {

    /** A disk that does not take a small write within this is as good as a read-only one. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Path dataDir;
    private final int clusters;
    /** One probe on a worker thread at a time, its outcome shared for a second: probes cannot pile up. */
    private final Uni<HealthCheckResponse> probe;

    ReadinessCheck(FleetConfig config, ClusterRegistry registry) {
        this.dataDir = Path.of(config.dataDir()).toAbsolutePath();
        this.clusters = registry.all().size();
        this.probe = Uni.createFrom().item(this::writeProbe)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem(() -> down("no write within "
                        + PROBE_TIMEOUT.toMillis() + " ms"))
                .memoize().atLeast(Duration.ofSeconds(1));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe;
    }

    private HealthCheckResponse writeProbe() {
        try {
            Files.createDirectories(dataDir);
            Path file = Files.createTempFile(dataDir, ".ready-", ".probe");
            try {
                Files.write(file, new byte[] {1});
            } finally {
                Files.deleteIfExists(file);
            }
            return response().up().withData("data-dir", dataDir + " (writable)").build();
        } catch (IOException | RuntimeException e) {
            return down(e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
    }

    private HealthCheckResponse down(String why) {
        return response().down().withData("data-dir", dataDir + " is not writable: " + why).build();
    }

    private org.eclipse.microprofile.health.HealthCheckResponseBuilder response() {
        return HealthCheckResponse.named("facade").withData("configuration", "valid (" + clusters + " clusters)");
    }
}
