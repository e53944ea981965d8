package io.higress.fleet.desiredstate;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.resources.WriteResult;
import io.higress.fleet.rollout.RolloutService;
import io.higress.fleet.security.ScopedTargets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Every {@code fleet.desired-states.drift-interval} each set's diff is planned (a dryRun of the one write path: reads
 * only) as the facade itself, on a scheduler thread of its own (never an event loop), checks one after the other.
 * Its outcome is the set's {@link DesiredStatus} and the gauge {@code fleet_desired_state_drift_objects{set,cluster}}
 * (objects a sync would create, update or delete). One replica at a time: the holder of the home Lease checks
 * (always, without a home cluster) and alone exposes the gauges; the statuses are stored with the sets
 * ({@link DesiredStateStore#status}), so every replica serves them and a new Lease holder does not tell a drift
 * again that its predecessor told.
 */
@ApplicationScoped
class DriftCheck {
    private static final Logger LOG = Logger.getLogger(DriftCheck.class);
    static final String METRIC = "fleet_desired_state_drift_objects";

    private final DesiredStateStore store;
    private final DesiredStates states;
    private final ClusterRegistry registry;
    private final MeterRegistry meters;
    private final Duration interval;
    private final Clock clock;
    private final DesiredStateEvents events;
    private final RolloutService rollouts;
    private final Map<List<String>, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final Map<List<String>, Gauge> registered = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    DriftCheck(DesiredStateStore store, DesiredStates states, ClusterRegistry registry, MeterRegistry meters,
            FleetConfig config, DesiredStateEvents events, RolloutService rollouts) {
        this.events = events;
        this.rollouts = rollouts;
        this.store = store;
        this.states = states;
        this.registry = registry;
        this.meters = meters;
        this.interval = config.desiredStates().driftInterval();
        this.clock = Clock.systemUTC();
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "desired-state-drift");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) { // the next round tries again
            LOG.errorf(e, "desired-state drift check failed");
        }
    }

    /** One round over every set (blocking: a scheduler or test thread, never an event loop). */
    void checkNow() {
        if (!rollouts.leads()) {
            forgetGauges(set -> true); // the Lease holder's gauges count; a former holder's would be stale
            return;
        }
        for (DesiredState set : store.all()) {
            if (!rollouts.leads()) {
                return; // lost during the round: the new holder checks from here
            }
            try {
                DesiredStatus previous = store.status(set.name()).orElse(null);
                DesiredStatus now = check(set);
                // stored again or removed meanwhile (forget): this status is of what no longer is
                if (!store.get(set.name()).map(held -> Objects.equals(held.updatedAt(), set.updatedAt()))
                        .orElse(false)) {
                    continue;
                }
                store.putStatus(now);
                events.checked(previous, now);
            } catch (RuntimeException e) { // the other sets are checked all the same
                LOG.errorf("desired-state set %s: drift check not recorded: %s", set.name(), e.getMessage());
            }
        }
    }

    DesiredStatus status(String name) {
        return store.status(name).orElseGet(() -> new DesiredStatus(name, DesiredStatus.UNCHECKED, null, List.of()));
    }

    /** A set stored again or removed: its last status and gauges no longer say anything. */
    void forget(String name) {
        store.removeStatus(name);
        forgetGauges(name::equals);
    }

    private void forgetGauges(Predicate<String> set) {
        registered.keySet().removeIf(k -> {
            if (set.test(k.get(0))) {
                meters.remove(registered.get(k));
                gauges.remove(k);
                return true;
            }
            return false;
        });
    }

    private DesiredStatus check(DesiredState set) {
        String at = clock.instant().toString();
        List<Cluster> targets;
        try {
            targets = ScopedTargets.asFacade(() -> registry.select(set.clusters() == null || set.clusters().isEmpty()
                    ? null : String.join(",", set.clusters()), set.selector()));
        } catch (ProblemException e) {
            return new DesiredStatus(set.name(), DesiredStatus.FAILED, at,
                    List.of(new DesiredStatus.ClusterStatus(null, DesiredStatus.FAILED, List.of(),
                            List.of(e.problem()))));
        }
        WriteAnswer answer;
        try {
            answer = states.apply(set, targets, true, true, null).await().atMost(interval.plusMinutes(1));
        } catch (RuntimeException e) {
            Problem p = e instanceof ProblemException pe ? pe.problem()
                    : Problem.of(io.higress.fleet.problem.ProblemType.INTERNAL, "the drift check failed: "
                            + e.getMessage());
            return new DesiredStatus(set.name(), DesiredStatus.FAILED, at,
                    List.of(new DesiredStatus.ClusterStatus(null, DesiredStatus.FAILED, List.of(), List.of(p))));
        }
        Map<String, List<WriteResult>> byCluster = new LinkedHashMap<>();
        targets.forEach(c -> byCluster.put(c.name(), new ArrayList<>()));
        answer.results().forEach(r -> byCluster.computeIfAbsent(r.cluster(), x -> new ArrayList<>()).add(r));
        List<DesiredStatus.ClusterStatus> clusters = new ArrayList<>();
        boolean drifted = false;
        boolean failed = false;
        for (Map.Entry<String, List<WriteResult>> e : byCluster.entrySet()) {
            List<DesiredStatus.DriftedObject> objects = e.getValue().stream()
                    .filter(r -> !r.failed() && !"unchanged".equals(r.status()))
                    .map(r -> new DesiredStatus.DriftedObject(r.kind(), r.namespace(), r.name(), r.status(),
                            r.changes())).toList();
            List<Problem> errors = e.getValue().stream().filter(WriteResult::failed).map(WriteResult::error).toList();
            String state = !errors.isEmpty() ? DesiredStatus.FAILED
                    : objects.isEmpty() ? DesiredStatus.IN_SYNC : DesiredStatus.DRIFTED;
            drifted |= !objects.isEmpty();
            failed |= !errors.isEmpty();
            clusters.add(new DesiredStatus.ClusterStatus(e.getKey(), state, objects, errors));
            gauge(set.name(), e.getKey()).set(objects.size());
        }
        String state = failed ? DesiredStatus.FAILED : drifted ? DesiredStatus.DRIFTED : DesiredStatus.IN_SYNC;
        return new DesiredStatus(set.name(), state, at, clusters);
    }

    private AtomicInteger gauge(String set, String cluster) {
        List<String> key = List.of(set, cluster);
        return gauges.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            registered.put(k, Gauge.builder(METRIC, value, AtomicInteger::get)
                    .description("objects of a desired-state set that differ in a cluster (last drift check)")
                    .tags("set", set, "cluster", cluster).register(meters));
            return value;
        });
    }
}
