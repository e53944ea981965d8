package io.higress.fleet.rollout;

import io.higress.fleet.security.ScopedTargets;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.route.RouteSpec;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash during wave 2's bake, inside one JVM: the first engine is dropped (its timers cancelled, nothing more
 * journaled) and a second one is started over the same journal directory. The rollout must finish, and every
 * cluster must have been written exactly once (watched on the mock API servers).
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class RolloutResumeTest {

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

    @TempDir
    Path dir;

    RolloutEngine engine() {
        return new RolloutEngine(registry, target, gate, new RolloutJournal(dir), vertx,
                new RolloutSettings(Duration.ofSeconds(5), Duration.ofMillis(200)));
    }

    @Test
    void killedDuringWave2BakeResumesAndWritesEachClusterOnce() throws Exception {
        Map<String, List<String>> writes = new ConcurrentHashMap<>();
        List<Watch> watches = new ArrayList<>();
        for (String c : List.of("dev", "test", "prod")) {
            writes.put(c, new ArrayList<>());
            watches.add(SimulatedFleetResource.fleet().client(c).network().v1().ingresses()
                    .inNamespace(Rollouts.NS).withName("resume-demo").watch(new Watcher<Ingress>() {
                        @Override
                        public void eventReceived(Action action, Ingress resource) {
                            writes.get(c).add(action.name());
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    }));
        }
        RolloutSpec spec = ScopedTargets.asFacade(() -> service.planner().plan(new RolloutRequest("canary", List.of("dev", "test", "prod"), null,
                null, null, null, "1s", null, null, null, null, null, null, null, null), Map.of("routes", JsonNodeFactory.instance
                .arrayNode().add(Json.tree(new RouteSpec("resume-demo", List.of("resume.example.com"), List.of("/*"),
                        "v2", 8080, null))))));

        RolloutEngine first = engine();
        String id = first.start(spec, "test").await().atMost(Duration.ofSeconds(10)).id();
        await(first, id, v -> v.waves().get(1).clusters().get(0).state() == ClusterState.BAKING);
        Instant testApplied = first.view(id).waves().get(1).clusters().get(0).appliedAt();
        // the view changes before its journal line is on disk: killed once the bake is journaled
        Poll.until("the bake is journaled", Duration.ofSeconds(60), () -> new RolloutJournal(dir).load().get(0)
                .waves.get(1).get(0).state == ClusterState.BAKING);
        first.stop();

        Thread.sleep(1500); // longer than the bake: a dropped engine must not move on
        RolloutDocument journaled = new RolloutJournal(dir).load().get(0);
        assertThat(journaled.state).isEqualTo(RolloutState.RUNNING);
        assertThat(journaled.waves.get(1).get(0).state).isEqualTo(ClusterState.BAKING);
        assertThat(journaled.waves.get(2).get(0).state).isEqualTo(ClusterState.PENDING);

        RolloutEngine second = engine();
        second.resumeAll();
        RolloutView done = await(second, id, v -> v.state() == RolloutState.SUCCEEDED);
        second.stop();
        Poll.until("every cluster's write is seen", Duration.ofSeconds(60),
                () -> writes.values().stream().noneMatch(List::isEmpty));
        watches.forEach(Watch::close);

        assertThat(writes).containsEntry("dev", List.of("ADDED")).containsEntry("test", List.of("ADDED"))
                .containsEntry("prod", List.of("ADDED"));
        assertThat(done.waves().get(1).clusters().get(0).appliedAt()).as("test was not applied again")
                .isEqualTo(testApplied);
        assertThat(done.waves().get(2).clusters().get(0).startedAt())
                .isAfterOrEqualTo(done.waves().get(1).clusters().get(0).finishedAt());
    }

    static RolloutView await(RolloutEngine engine, String id, Predicate<RolloutView> done) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        while (!done.test(engine.view(id))) {
            assertThat(Instant.now()).as("rollout state: %s", engine.view(id)).isBefore(until);
            Thread.sleep(50);
        }
        return engine.view(id);
    }
}
