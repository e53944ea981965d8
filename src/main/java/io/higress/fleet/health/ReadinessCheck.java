package io.higress.fleet.health;

import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.home.ClusterSecrets;
import io.higress.fleet.rollout.RolloutService;
import io.higress.fleet.security.PrivateFiles;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = this replica can serve: its configuration is valid (an invalid one stops the start, so a running facade
 * has a valid one: the registry and the credentials exist), its data directory takes writes (the audit log and
 * the rollout journal live there) and, with a home cluster, the cluster Secrets and the rollouts were listed and are
 * watched (a replica that has not seen them would answer without them). Readiness does not depend on the clusters: a facade that sees no cluster still
 * answers, and taking it out of its Service would hide that from everyone.
 */
@Readiness
@ApplicationScoped
class ReadinessCheck implements AsyncHealthCheck {

    /** A disk that does not take a small write within this is as good as a read-only one. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Path dataDir;
    private final ClusterRegistry registry;
    private final ClusterSecrets secrets;
    private final RolloutService rollouts;
    /**
     * One write on a worker thread at a time, shared by every probe until it ends, however long that is (a hung
     * volume holds one worker, not one per probe); its outcome is reused for a second.
     */
    private final AtomicReference<Uni<HealthCheckResponse>> writing = new AtomicReference<>();
    private volatile HealthCheckResponse last;
    private volatile long lastAt;

    ReadinessCheck(FleetConfig config, ClusterRegistry registry, ClusterSecrets secrets, RolloutService rollouts) {
        this.rollouts = rollouts;
        this.dataDir = Path.of(config.dataDir()).toAbsolutePath();
        this.registry = registry;
        this.secrets = secrets;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!secrets.synced()) {
            return Uni.createFrom().item(response().down().withData("cluster-secrets",
                    "the registered clusters are not listed yet from the home cluster").build());
        }
        if (!rollouts.synced()) {
            return Uni.createFrom().item(response().down().withData("rollouts",
                    "the rollouts are not listed yet from the home cluster").build());
        }
        HealthCheckResponse known = last;
        if (known != null && System.nanoTime() - lastAt < REUSE_NANOS) {
            return Uni.createFrom().item(known);
        }
        return writing.updateAndGet(w -> w != null ? w : write())
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem(() -> down("no write within "
                        + PROBE_TIMEOUT.toMillis() + " ms"));
    }

    private Uni<HealthCheckResponse> write() {
        return Uni.createFrom().item(this::writeProbe).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(r -> {
                    last = r;
                    lastAt = System.nanoTime();
                    writing.set(null);
                })
                .memoize().indefinitely();
    }

    private HealthCheckResponse writeProbe() {
        try {
            PrivateFiles.directory(dataDir);
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
        return HealthCheckResponse.named("facade").withData("configuration", "valid (" + registry.all().size()
                + " clusters)");
    }
}
