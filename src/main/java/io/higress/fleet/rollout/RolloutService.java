package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Priority;
import io.higress.fleet.cluster.StartupOrder;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.home.HomeCluster;
import io.higress.fleet.notifications.Notifier;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.RedactedPlaceholders;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The application's rollout engine. Without a home cluster it keeps its rollouts in {@code <fleet.data-dir>/rollouts}
 * and drives them all (one process). With one ({@code fleet.home}) the rollouts are objects in the home namespace
 * shared by every replica ({@link HomeRolloutStore}) and the holder of the rollouts' Lease drives them
 * ({@link RolloutLeadership}). Either way, at startup (or on gaining the Lease) finished rollouts older than
 * {@code fleet.rollouts.retention} are pruned and the unfinished ones resumed.
 */
@ApplicationScoped
public class RolloutService implements WriteLocks {

    private final RolloutEngine engine;
    private final RolloutPlanner planner;
    private final RolloutStore store;
    private final Duration retention;
    private final HomeRolloutStore shared;
    private final RolloutLeadership leadership;

    public RolloutService(ClusterRegistry registry, RolloutTarget target, HealthGate gate, FleetConfig config,
            Vertx vertx, WriteLimits limits, HomeCluster home, Notifier notifier) {
        this.planner = new RolloutPlanner(registry, config.resources().namespace(), limits);
        this.retention = config.rollouts().retention();
        this.shared = home.configured() ? new HomeRolloutStore(home.client(), home.namespace()) : null;
        this.store = shared != null ? shared : new RolloutJournal(Path.of(config.dataDir(), "rollouts"));
        this.engine = new RolloutEngine(registry, target, gate, store, vertx,
                new RolloutSettings(config.rollouts().verifyTimeout(), config.rollouts().maxPollInterval()));
        engine.onStateChange(new RolloutNotifications(notifier));
        if (shared != null) {
            FleetConfig.Lease lease = config.home().lease();
            engine.follow(); // until the Lease is ours
            this.leadership = new RolloutLeadership(home.client(), home.namespace(), identity(), new RolloutLeadership
                    .Timing(lease.name(), lease.duration(), lease.renewDeadline(), lease.retryPeriod(), retention), engine, true);
        } else {
            this.leadership = null;
        }
    }

    /** The pod's name (unique among the replicas) and a random part, should two processes share a host name. */
    private static String identity() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("facade");
        return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes @Priority(StartupOrder.ROLLOUTS) StartupEvent event) {
        if (leadership == null) {
            store.prune(Instant.now().minus(retention));
            engine.resumeAll();
            return;
        }
        // nothing waits here: the watch fills the views, the election runs on threads of its own
        shared.watch(engine::seen, engine::gone);
        leadership.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (leadership != null) {
            leadership.stop(); // stops driving, then hands the Lease over
            shared.close();
        }
        engine.stop();
    }

    /** Whether the rollouts are listed (a shared store's watch has synced; a journal is read at startup). */
    public boolean synced() {
        return shared == null || shared.synced();
    }

    /** ObjectKey and ObjectRef print alike ("Kind namespace/name"): the engine's claims are keyed by that text. */
    @Override
    public Optional<String> holder(String cluster, ObjectRef ref) {
        return engine.owner(cluster, ref.toString());
    }

    /**
     * Whether this replica holds the home Lease (always, without a home cluster): what must happen once for the
     * fleet, not once per replica (the desired-state drift events), happens only there.
     */
    public boolean leads() {
        return engine.leading();
    }

    /**
     * A rollout's body ({@code POST /api/v1/rollouts}, contract §6) bound strictly and planned: the objects' lists
     * (one per registered kind, named by its {@code rolloutField}) against each kind's model, the rest as a
     * {@link RolloutRequest}. One 400 lists every bad field; nothing is journaled or written.
     */
    public RolloutSpec plan(JsonNode body) {
        if (body != null) {
            RedactedPlaceholders.reject(body); // a rollout creates: there is no secret to keep
        }
        Map<String, JsonNode> lists = new LinkedHashMap<>();
        JsonNode rest = body;
        if (body != null && body.isObject()) {
            ObjectNode copy = body.deepCopy();
            for (Kind<?> kind : Kinds.ALL) {
                JsonNode list = copy.remove(kind.names().rolloutField());
                if (list != null) {
                    lists.put(kind.names().rolloutField(), list);
                }
            }
            rest = copy;
        }
        return RequestReader.bind(rest, RolloutRequest.class).validated(r -> planner.plan(r, lists));
    }

    public RolloutEngine engine() {
        return engine;
    }

    public RolloutPlanner planner() {
        return planner;
    }
}
