package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash check against the packaged jar, as operators run it: the facade process is killed (SIGKILL)
 * during wave 2's bake of a dev → test → prod canary and started again over the same data directory. The rollout
 * must complete, every cluster must have received exactly one write of the object, and prod only after the restart.
 * Writes are counted by a watch on each mock API server, opened before the rollout: a second write would show as a
 * MODIFIED (or a second ADDED) event.
 */
class RolloutKillIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String ROUTE = "kill-demo";

    record Write(String action, Instant at) {
    }

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, List<Write>> writes = new ConcurrentHashMap<>();
    final List<Watch> watches = new ArrayList<>();
    SimulatedFleet fleet;
    Process facade;

    @AfterEach
    void stop() throws InterruptedException {
        if (facade != null) {
            facade.destroy();
            if (!facade.waitFor(10, TimeUnit.SECONDS)) {
                facade.destroyForcibly();
            }
        }
        watches.forEach(Watch::close);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void killedDuringWave2BakeResumesAndWritesEachClusterOnce() throws Exception {
        fleet = SimulatedFleet.builder().gatewaysPerCluster(1).start();
        fleet.clusters().forEach(this::watchWrites);

        int port = freePort();
        facade = start(port, "first");
        String id = post(port, """
                {"strategy": "canary", "canaryOrder": ["dev", "test", "prod"], "waitTime": "3s",
                 "routes": [{"name": "%s", "domain": ["kill.example.com"], "paths": ["/*"],
                             "serviceName": "demo-v2", "servicePort": 8080}]}""".formatted(ROUTE));
        await(port, id, j -> "baking".equals(j.getString("waves[1].clusters[0].state")));
        facade.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(writes.get("prod")).as("prod is not written before the kill").isEmpty();

        Instant restarted = Instant.now();
        port = freePort();
        facade = start(port, "second");
        JsonPath done = await(port, id, j -> "succeeded".equals(j.getString("state")));
        Thread.sleep(300); // let the last watch events arrive

        for (String cluster : fleet.clusters()) {
            assertThat(writes.get(cluster)).as("writes of %s in %s", ROUTE, cluster)
                    .extracting(Write::action).containsExactly("ADDED");
        }
        assertThat(writes.get("test").get(0).at()).as("test was written before the kill only").isBefore(restarted);
        assertThat(writes.get("prod").get(0).at()).as("prod was written after the restart").isAfter(restarted);
        assertThat(Instant.parse(done.getString("waves[2].clusters[0].startedAt"))).isAfter(restarted);
    }

    private void watchWrites(String cluster) {
        List<Write> seen = new CopyOnWriteArrayList<>();
        writes.put(cluster, seen);
        watches.add(fleet.client(cluster).network().v1().ingresses().inNamespace(Rollouts.NS).withName(ROUTE)
                .watch(new Watcher<Ingress>() {
                    @Override
                    public void eventReceived(Action action, Ingress ingress) {
                        seen.add(new Write(action.name(), Instant.now()));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                }));
    }

    /** The packaged facade over the simulated fleet; its log goes to target/ where the blocked-thread check reads. */
    private Process start(int port, String name) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.config.locations=" + fleet.fleetYaml(),
                "-Dquarkus.http.port=" + port,
                "-Dfleet.data-dir=" + data,
                "-jar", JAR.toString());
        Path log = Path.of("target", "RolloutKillIT-" + name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant until = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(until)) {
            assertThat(p.isAlive()).as("the facade exited; see %s", log).isTrue();
            try {
                if (send(HttpRequest.newBuilder(url(port, "/q/health/ready"))).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notListeningYet) {
                // retried below
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("the facade did not become ready in 40 s; see " + log);
    }

    private String post(int port, String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url(port, "/api/v1/rollouts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonPath.from(r.body()).getString("id");
    }

    private JsonPath await(int port, String id, Predicate<JsonPath> done) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(url(port, "/api/v1/rollouts/" + id)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonPath now = JsonPath.from(r.body());
            if (done.test(now)) {
                return now;
            }
            assertThat(Instant.now()).as("rollout %s: %s", id, r.body()).isBefore(until);
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + SimulatedCredentials.OPERATOR_KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
