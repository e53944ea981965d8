package io.higress.fleet.rollout;

import jakarta.annotation.Priority;
import io.higress.fleet.cluster.StartupOrder;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.WriteLimits;
import io.higress.fleet.resources.WriteLocks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The application's rollout engine over {@code <fleet.data-dir>/rollouts}: at startup, finished rollouts older than
 * {@code fleet.rollouts.retention} are pruned and the unfinished ones resumed.
 */
@ApplicationScoped
public class RolloutService implements WriteLocks {

    private final RolloutEngine engine;
    private final RolloutPlanner planner;
    private final RolloutJournal journal;
    private final Duration retention;

    public RolloutService(ClusterRegistry registry, RolloutTarget target, HealthGate gate, FleetConfig config,
            Vertx vertx, WriteLimits limits) {
        this.planner = new RolloutPlanner(registry, config.resources().namespace(), limits);
        this.journal = new RolloutJournal(Path.of(config.dataDir(), "rollouts"));
        this.retention = config.rollouts().retention();
        this.engine = new RolloutEngine(registry, target, gate, journal, vertx,
                new RolloutSettings(config.rollouts().verifyTimeout(), config.rollouts().maxPollInterval()));
    }

    void start(@Observes @Priority(StartupOrder.ROLLOUTS) StartupEvent event) {
        journal.prune(Instant.now().minus(retention));
        engine.resumeAll();
    }

    void stop(@Observes ShutdownEvent event) {
        engine.stop();
    }

    /** ObjectKey and ObjectRef print alike ("Kind namespace/name"): the engine's claims are keyed by that text. */
    @Override
    public Optional<String> holder(String cluster, ObjectRef ref) {
        return engine.owner(cluster, ref.toString());
    }

    public RolloutEngine engine() {
        return engine;
    }

    public RolloutPlanner planner() {
        return planner;
    }
}
