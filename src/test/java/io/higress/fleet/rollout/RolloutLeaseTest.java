package io.higress.fleet.rollout;

import io.higress.fleet.security.ScopedTargets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.route.RouteSpec;
import io.higress.fleet.sim.InjectSimulatedFleet;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas in one JVM (two engines, two elections, two stores) sharing the home cluster, a fabric8 mock API
 * server in CRUD mode, and the simulated fleet: only the holder of the Lease applies; killed during a bake, the
 * other replica takes over within the Lease's timing and finishes, every cluster written once; a control asked on
 * the replica that does not drive takes effect. Each test has its own namespace and Lease in the home cluster, so
 * the application's own replica (which leads the default Lease in the default namespace) stays out of it.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "home", value = "true"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RolloutLeaseTest {

    static final Duration LEASE = Duration.ofSeconds(3);

    @InjectSimulatedFleet
    SimulatedFleet fleet;
    @Inject
    ClusterRegistry registry;
    @Inject
    RolloutTarget target;
    @Inject
    HealthGate gate;
    @Inject
    Vertx vertx;
    @Inject
    RolloutService service;

    /** Every apply: which replica, where, and when it started. */
    record Apply(String replica, String cluster, Instant at) {
    }

    /** Every restore: which replica, where, and whether its engine led when it began. */
    record Restore(String replica, String cluster, boolean leading) {
    }

    final List<Apply> applies = new CopyOnWriteArrayList<>();
    final List<Restore> restores = new CopyOnWriteArrayList<>();
    /** What a replica's target does before an apply / a restore ("replica/cluster"): a slow or failing cluster. */
    final Map<String, java.util.function.Supplier<Uni<Void>>> beforeApply = new ConcurrentHashMap<>();
    final Map<String, java.util.function.Supplier<Uni<Void>>> beforeRestore = new ConcurrentHashMap<>();
    final List<Replica> replicas = new ArrayList<>();
    final List<Watch> watches = new ArrayList<>();

    /** One facade replica: its engine over the shared store, its place in the election. */
    record Replica(String name, RolloutEngine engine, RolloutLeadership leadership, HomeRolloutStore store) {
        /** As kill -9 would: nothing more is written, the Lease is left to expire. */
        void kill() {
            engine.stop();
            leadership.stop();
            store.close();
        }
    }

    Replica replica(String name, String namespace, String lease) {
        return replica(name, namespace, lease, LEASE, Duration.ofSeconds(2));
    }

    Replica replica(String name, String namespace, String lease, Duration duration, Duration renewDeadline) {
        return replica(name, namespace, lease, duration, renewDeadline, false);
    }

    Replica replica(String name, String namespace, String lease, Duration duration, Duration renewDeadline,
            boolean releaseOnStop) {
        KubernetesClient home = fleet.homeClient();
        RolloutEngine[] self = new RolloutEngine[1];
        HomeRolloutStore store = new HomeRolloutStore(home, namespace);
        RolloutTarget counted = new RolloutTarget() {
            @Override
            public Uni<List<SnapshotEntry>> snapshot(Cluster cluster, List<RolloutObject> objects) {
                return target.snapshot(cluster, objects);
            }

            @Override
            public Uni<List<String>> apply(Cluster cluster, List<RolloutObject> objects, boolean force, String id) {
                applies.add(new Apply(name, cluster.name(), Instant.now()));
                return beforeApply.getOrDefault(name + "/" + cluster.name(), () -> Uni.createFrom().voidItem()).get()
                        .chain(() -> target.apply(cluster, objects, force, id));
            }

            @Override
            public Uni<Void> restore(Cluster cluster, List<RolloutObject> objects, List<SnapshotEntry> snapshot,
                    String id) {
                restores.add(new Restore(name, cluster.name(), self[0].leading()));
                return beforeRestore.getOrDefault(name + "/" + cluster.name(), () -> Uni.createFrom().voidItem())
                        .get().chain(() -> target.restore(cluster, objects, snapshot, id));
            }
        };
        RolloutEngine engine = new RolloutEngine(registry, counted, gate, store, vertx,
                new RolloutSettings(Duration.ofSeconds(5), Duration.ofMillis(200)));
        self[0] = engine;
        engine.follow();
        RolloutLeadership leadership = new RolloutLeadership(home, namespace, name, new RolloutLeadership.Timing(
                lease, duration, renewDeadline, Duration.ofMillis(250), Duration.ofDays(7)), engine, releaseOnStop);
        store.watch(engine::seen, engine::gone);
        leadership.start();
        Replica r = new Replica(name, engine, leadership, store);
        replicas.add(r);
        return r;
    }

    @AfterEach
    void stopAll() {
        replicas.forEach(Replica::kill);
        watches.forEach(Watch::close);
    }

    RolloutSpec spec(String route, String waitTime) {
        return spec(route, waitTime, null, null);
    }

    RolloutSpec spec(String route, String waitTime, String onFailure, Integer maxParallel) {
        return ScopedTargets.asFacade(() -> service.planner().plan(new RolloutRequest("canary", List.of("dev", "test", "prod"), null,
                null, null, null, waitTime, null, onFailure, maxParallel, null, null, null, null, null), Map.of("routes", JsonNodeFactory.instance
                .arrayNode().add(Json.tree(new RouteSpec(route, List.of(route + ".example.com"), List.of("/*"),
                        "v2", 8080, null))))));
    }

    /** Every event of the route's Ingress in each cluster. */
    Map<String, List<String>> watchWrites(String route) {
        Map<String, List<String>> writes = new ConcurrentHashMap<>();
        for (String c : List.of("dev", "test", "prod")) {
            writes.put(c, new CopyOnWriteArrayList<>());
            watches.add(SimulatedFleetResource.fleet().client(c).network().v1().ingresses()
                    .inNamespace(Rollouts.NS).withName(route).watch(new Watcher<Ingress>() {
                        @Override
                        public void eventReceived(Action action, Ingress resource) {
                            writes.get(c).add(action.name() + " generation " + resource.getMetadata().getGeneration());
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    }));
        }
        return writes;
    }

    static RolloutView await(Replica r, String id, java.util.function.Predicate<RolloutView> state) {
        return Poll.until(() -> {
            try {
                return r.engine().view(id);
            } catch (ProblemException e) {
                return null; // not seen by this replica's watch yet
            }
        }, v -> v != null && state.test(v));
    }

    @Test
    void theLeaderKilledDuringABakeIsReplacedAndEveryClusterIsWrittenOnce() {
        Map<String, List<String>> writes = watchWrites("lease-demo");
        Replica a = replica("replica-a", "failover", "failover-rollouts");
        Poll.until("replica-a leads", Poll.PATIENCE, () -> a.leadership().leader());
        Replica b = replica("replica-b", "failover", "failover-rollouts");
        Poll.until("replica-b has listed the rollouts", Poll.PATIENCE, b.store()::synced);

        // POSTed to the replica that does not drive: stored, driven by the leader
        String id = b.engine().start(spec("lease-demo", "2s"), "test").await().atMost(Duration.ofSeconds(30)).id();
        assertThat(b.leadership().leader()).isFalse();
        await(a, id, v -> v.waves().get(1).clusters().get(0).state() == ClusterState.BAKING);
        // what the follower shows is what the store holds: the bake is stored before the leader dies
        RolloutView stored = await(b, id, v -> v.waves().get(1).clusters().get(0).state() == ClusterState.BAKING);
        Instant testApplied = stored.waves().get(1).clusters().get(0).appliedAt();
        assertThat(applies).extracting(Apply::replica).containsOnly("replica-a");

        Instant killed = Instant.now();
        a.kill();
        Poll.until("replica-b takes the Lease over", LEASE.multipliedBy(2), () -> b.leadership().leader());
        RolloutView done = await(b, id, v -> v.state() == RolloutState.SUCCEEDED);

        Poll.until("every cluster's write is seen", Poll.PATIENCE,
                () -> writes.values().stream().noneMatch(List::isEmpty));
        assertThat(writes).containsEntry("dev", List.of("ADDED generation 1"))
                .containsEntry("test", List.of("ADDED generation 1"))
                .containsEntry("prod", List.of("ADDED generation 1"));
        // never two applies of a cluster; the killed replica applied nothing more, the new leader nothing before
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev", "test", "prod");
        assertThat(applies).filteredOn(x -> x.replica().equals("replica-a")).extracting(Apply::cluster)
                .containsExactly("dev", "test");
        assertThat(applies).filteredOn(x -> x.replica().equals("replica-b"))
                .allSatisfy(x -> assertThat(x.at()).isAfter(killed));
        assertThat(done.waves().get(1).clusters().get(0).appliedAt()).as("test was not applied again")
                .isEqualTo(testApplied);
        // no lost state: the store holds the whole finished rollout
        RolloutDocument last = new HomeRolloutStore(fleet.homeClient(), "failover").load().stream()
                .filter(d -> d.id.equals(id)).findFirst().orElseThrow();
        assertThat(last.state).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(last.waves).allSatisfy(w -> assertThat(w).allSatisfy(c -> assertThat(c.state)
                .isEqualTo(ClusterState.SUCCEEDED)));
    }

    @Test
    void aPauseAskedOnTheFollowerTakesEffectAndItsEventsStreamFromTheStore() {
        Map<String, List<String>> writes = watchWrites("lease-pause");
        Replica c = replica("replica-c", "controls", "controls-rollouts");
        Poll.until("replica-c leads", Poll.PATIENCE, () -> c.leadership().leader());
        Replica d = replica("replica-d", "controls", "controls-rollouts");
        Poll.until("replica-d has listed the rollouts", Poll.PATIENCE, d.store()::synced);

        String id = c.engine().start(spec("lease-pause", "2s"), "test").await().atMost(Duration.ofSeconds(30)).id();
        List<RolloutEvent> events = new CopyOnWriteArrayList<>();
        await(d, id, v -> true);
        d.engine().events(id).subscribe().with(events::add);
        await(d, id, v -> v.waves().get(0).clusters().get(0).state() == ClusterState.BAKING);

        // a control the stored state does not allow is refused on the follower too, and recorded nowhere
        assertThatThrownBy(() -> d.engine().resume(id).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().type())
                        .isEqualTo(ProblemType.CONFLICT.uri()));
        RolloutView asked = d.engine().pause(id).await().atMost(Duration.ofSeconds(30));
        assertThat(asked.state()).isEqualTo(RolloutState.PAUSED);

        RolloutView paused = await(c, id, v -> v.state() == RolloutState.PAUSED);
        assertThat(paused.currentWave()).isEqualTo(1);
        await(d, id, v -> v.state() == RolloutState.PAUSED);
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev");

        d.engine().resume(id).await().atMost(Duration.ofSeconds(30));
        await(c, id, v -> v.state() == RolloutState.SUCCEEDED);
        await(d, id, v -> v.state() == RolloutState.SUCCEEDED);
        Poll.until("the follower's stream ends with the rollout", Poll.PATIENCE, () -> !events.isEmpty()
                && events.get(events.size() - 1).state() == RolloutState.SUCCEEDED);
        assertThat(events).extracting(RolloutEvent::state).contains(RolloutState.PAUSED);
        assertThat(applies).extracting(Apply::replica).containsOnly("replica-c");
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev", "test", "prod");
        Poll.until("every cluster's write is seen", Poll.PATIENCE,
                () -> writes.values().stream().noneMatch(List::isEmpty));
        assertThat(writes.values()).allSatisfy(w -> assertThat(w).containsExactly("ADDED generation 1"));
    }

    @Test
    void aLeaderThatLosesTheLeaseStopsDrivingAndLeadsAgainOnceItIsFree() {
        Map<String, List<String>> writes = watchWrites("lease-lost");
        Duration duration = Duration.ofSeconds(6);
        Replica e = replica("replica-e", "lost", "lost-rollouts", duration, Duration.ofSeconds(3));
        Poll.until("replica-e leads", Poll.PATIENCE, () -> e.leadership().leader());
        String id = e.engine().start(spec("lease-lost", "6s"), "test").await().atMost(Duration.ofSeconds(30)).id();
        await(e, id, v -> v.waves().get(0).clusters().get(0).state() == ClusterState.BAKING);

        // another holder renews the Lease under it (as after a partition): it cannot renew and must step down
        // before that holder's Lease could expire for anyone else
        Instant stolen = Instant.now();
        steal("lost", "lost-rollouts", duration);
        Poll.until("replica-e steps down", duration, () -> !e.leadership().leader() && !e.engine().leading());
        Instant stepped = Instant.now();
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev");

        // the intruder never renews: once its Lease expires, the replica (back in the election) leads and finishes
        Poll.until("replica-e leads again", duration.multipliedBy(3), () -> e.leadership().leader());
        RolloutView done = await(e, id, v -> v.state() == RolloutState.SUCCEEDED);
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev", "test", "prod");
        assertThat(applies.get(1).at()).as("nothing applied while another held the Lease").isAfter(stepped);
        assertThat(done.waves().get(1).clusters().get(0).startedAt()).isAfter(stolen);
        Poll.until("every cluster's write is seen", Poll.PATIENCE,
                () -> writes.values().stream().noneMatch(List::isEmpty));
        assertThat(writes.values()).allSatisfy(w -> assertThat(w).containsExactly("ADDED generation 1"));
    }

    /** Steals the Lease for {@code duration} (as another holder after a partition); it is never renewed. */
    void steal(String namespace, String lease, Duration duration) {
        // the holder renews meanwhile: a write between our read and our edit is a 409, then read again
        Poll.until("the Lease is stolen", Poll.PATIENCE, () -> {
            try {
                fleet.homeClient().leases().inNamespace(namespace).withName(lease).edit(l -> {
                    l.getSpec().setHolderIdentity("intruder");
                    l.getSpec().setLeaseDurationSeconds((int) duration.toSeconds());
                    l.getSpec().setAcquireTime(java.time.ZonedDateTime.now());
                    l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
                    return l;
                });
                return true;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                return false;
            }
        });
    }

    @Test
    void aShutdownHandsTheLeaseOverOnlyOnceTheApplyInFlightIsStored() {
        Map<String, List<String>> writes = watchWrites("lease-handover");
        // the apply to test is slow on replica-f: still in flight when that replica shuts down
        beforeApply.put("replica-f/test", () -> Uni.createFrom().voidItem().onItem().delayIt()
                .by(Duration.ofMillis(1200)));
        Replica f = replica("replica-f", "handover", "handover-rollouts", LEASE, Duration.ofSeconds(2), true);
        Poll.until("replica-f leads", Poll.PATIENCE, () -> f.leadership().leader());
        Replica g = replica("replica-g", "handover", "handover-rollouts", LEASE, Duration.ofSeconds(2), true);
        Poll.until("replica-g has listed the rollouts", Poll.PATIENCE, g.store()::synced);

        String id = f.engine().start(spec("lease-handover", "1s"), "test").await().atMost(Duration.ofSeconds(30)).id();
        Poll.until("the apply to test is in flight", Poll.PATIENCE,
                () -> applies.stream().anyMatch(x -> x.cluster().equals("test")));
        f.leadership().stop(); // a shutdown: waits for the apply in flight before it releases the Lease
        Poll.until("replica-g takes the Lease over", LEASE.multipliedBy(3), () -> g.leadership().leader());
        await(g, id, v -> v.state() == RolloutState.SUCCEEDED);

        // the next leader continued after the stored apply: test was applied once, by the replica shutting down
        assertThat(applies).extracting(Apply::cluster).containsExactly("dev", "test", "prod");
        assertThat(applies).extracting(Apply::replica).containsExactly("replica-f", "replica-f", "replica-g");
        Poll.until("every cluster's write is seen", Poll.PATIENCE,
                () -> writes.values().stream().noneMatch(List::isEmpty));
        assertThat(writes.values()).allSatisfy(w -> assertThat(w).containsExactly("ADDED generation 1"));
    }

    @Test
    void aLeaderThatLosesTheLeaseMidRollbackRestoresNothingMore() {
        Duration duration = Duration.ofSeconds(6);
        // prod refuses the apply: the rollout rolls back, one cluster after the other
        beforeApply.put("replica-h/prod", () -> Uni.createFrom().failure(new IllegalStateException("refused")));
        Replica[] h = new Replica[1];
        // the restore of dev is in flight while the Lease is lost; it ends once the replica has stepped down
        beforeRestore.put("replica-h/dev", () -> Uni.createFrom().item(() -> {
            Poll.until("replica-h steps down", duration.multipliedBy(2), () -> !h[0].engine().leading());
            return (Void) null;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
        h[0] = replica("replica-h", "lost-rollback", "lost-rollback-rollouts", duration, Duration.ofSeconds(3));
        Poll.until("replica-h leads", Poll.PATIENCE, () -> h[0].leadership().leader());
        String id = h[0].engine().start(spec("lease-rollback", "1s", "rollback", 1), "test")
                .await().atMost(Duration.ofSeconds(30)).id();
        Poll.until("the restore of dev is in flight", Poll.PATIENCE,
                () -> restores.stream().anyMatch(x -> x.cluster().equals("dev")));

        steal("lost-rollback", "lost-rollback-rollouts", duration);
        // the intruder never renews: the replica leads again and finishes the rollback
        RolloutView done = await(h[0], id, v -> v.state() == RolloutState.ROLLED_BACK);
        assertThat(restores).as("no restore begun without the Lease").allSatisfy(x -> assertThat(x.leading()).isTrue());
        assertThat(restores).extracting(Restore::cluster).containsExactly("dev", "test", "prod");
        assertThat(done.waves()).allSatisfy(w -> assertThat(w.clusters()).allSatisfy(c -> assertThat(c.state())
                .isEqualTo(ClusterState.ROLLED_BACK)));
    }

    static RolloutDocument stored(String id, RolloutSpec spec) {
        RolloutDocument doc = new RolloutDocument();
        doc.id = id;
        doc.createdBy = "test";
        doc.createdAt = Instant.now();
        doc.updatedAt = doc.createdAt;
        doc.spec = spec;
        doc.waves = spec.waves().stream().map(w -> w.stream().map(ClusterProgress::new).toList()).toList();
        return doc;
    }

    @Test
    void aRolloutThatCannotBeResumedDoesNotKeepTheOthersFromBeingDriven() {
        // two replicas stored rollouts of the same route at the same instant (each checks the locks it has seen),
        // a third rollout writes another route
        HomeRolloutStore seed = new HomeRolloutStore(fleet.homeClient(), "duplicates");
        RolloutSpec same = spec("lease-dup", "1s");
        for (String id : List.of("0-first", "1-duplicate")) {
            seed.write(new Rollout(stored(id, same)).line());
        }
        seed.write(new Rollout(stored("2-other", spec("lease-other", "1s"))).line());

        Replica k = replica("replica-k", "duplicates", "duplicates-rollouts");
        await(k, "2-other", v -> v.state() == RolloutState.SUCCEEDED);
        // one of the duplicates is driven, the other stays pending, saying why
        List<RolloutView> dups = Poll.until(() -> List.of(k.engine().view("0-first"), k.engine().view("1-duplicate")),
                l -> l.stream().anyMatch(v -> v.state() == RolloutState.SUCCEEDED));
        assertThat(dups).extracting(RolloutView::state)
                .containsExactlyInAnyOrder(RolloutState.SUCCEEDED, RolloutState.PENDING);
        RolloutView left = dups.stream().filter(v -> v.state() == RolloutState.PENDING).findFirst().orElseThrow();
        assertThat(left.reason()).startsWith("not resumed: ").contains("is being rolled out by rollout");
    }
}
