package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged facade processes over one home cluster (a fabric8 mock API server in CRUD mode) and the simulated
 * fleet, as deploy/kubernetes/facade.yaml runs them: a cluster registered on one replica is served by the other; a
 * gateway pod added is seen through the other's watch; the Lease holder killed (SIGKILL) during wave 2's bake of
 * a canary POSTed to the other replica is replaced, and the rollout finishes with one write per cluster.
 */
class ReplicasIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String ROUTE = "replicas-demo";
    static final String LEASE = "higress-fleet-rollouts";

    record Replica(String name, int port, Process process) {
        RequestSpecification as(String key) {
            return RestAssured.given().baseUri("http://127.0.0.1").port(port).auth().oauth2(key);
        }
    }

    @TempDir
    Path data;

    final Map<String, List<String>> writes = new ConcurrentHashMap<>();
    final List<Watch> watches = new ArrayList<>();
    final List<Replica> replicas = new ArrayList<>();
    SimulatedFleet fleet;

    @AfterEach
    void stop() throws InterruptedException {
        for (Replica r : replicas) {
            r.process().destroy();
            if (!r.process().waitFor(10, TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
            }
        }
        watches.forEach(Watch::close);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void replicasShareClustersAndGatewaysAndALeaderKilledMidBakeIsReplacedWithOneWritePerCluster()
            throws Exception {
        fleet = SimulatedFleet.builder().clusters("dev", "test", "prod").gatewaysPerCluster(1).spareGateways(1)
                .unregistered("edge").home().start();
        for (String c : List.of("dev", "test", "prod")) {
            watchWrites(c);
        }
        Replica a = start("replica-a");
        Replica b = start("replica-b");

        // a cluster registered on A is served by B (B's watch of the cluster Secrets)
        a.as(SimulatedCredentials.ADMIN_KEY).contentType("application/json").body(fleet.registration("edge"))
                .post("/api/v1/clusters").then().statusCode(201);
        Poll.until(() -> b.as(SimulatedCredentials.ADMIN_KEY).get("/api/v1/clusters/edge").statusCode(),
                s -> s == 200);
        b.as(SimulatedCredentials.ADMIN_KEY).get("/api/v1/clusters/edge").then().statusCode(200)
                .body("source", org.hamcrest.Matchers.equalTo("api"));

        // a gateway pod added in dev is in B's (and A's) /fleet/ready: each replica watches the pods
        fleet.addGatewayPod("dev", "dev-gw-2");
        for (Replica r : List.of(a, b)) {
            Poll.until(() -> r.as(SimulatedCredentials.OPERATOR_KEY).get("/api/v1/fleet/ready?clusters=dev")
                    .then().statusCode(200).extract().jsonPath().getList("items.gateway"),
                    g -> g.contains("dev-gw-2"));
        }

        // the canary is POSTed to the replica that does not hold the Lease; the holder drives it
        String holder = Poll.until(this::holder, h -> h != null);
        Replica leader = holder.startsWith(a.name() + "-") ? a : b;
        Replica follower = leader == a ? b : a;
        String id = follower.as(SimulatedCredentials.OPERATOR_KEY).contentType("application/json").body("""
                {"strategy": "canary", "canaryOrder": ["dev", "test", "prod"], "waitTime": "4s",
                 "routes": [{"name": "%s", "domain": ["replicas.example.com"], "paths": ["/*"],
                             "serviceName": "demo-v2", "servicePort": 8080}]}""".formatted(ROUTE))
                .post("/api/v1/rollouts").then().statusCode(202).extract().path("id");
        rollout(follower, id, j -> "baking".equals(j.getString("waves[1].clusters[0].state")));
        assertThat(writes.get("prod")).as("prod is not written before the kill").isEmpty();

        leader.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Instant killed = Instant.now();
        JsonPath done = rollout(follower, id, j -> "succeeded".equals(j.getString("state")));
        Poll.until(() -> writes.get("prod").size(), n -> n >= 1);

        assertThat(holder()).as("the Lease moved to the survivor").startsWith(follower.name() + "-");
        for (String c : List.of("dev", "test", "prod")) {
            assertThat(writes.get(c)).as("writes of %s in %s", ROUTE, c).containsExactly("ADDED generation 1");
        }
        assertThat(Instant.parse(done.getString("waves[2].clusters[0].startedAt"))).isAfter(killed);
        System.out.printf("ReplicasIT: the survivor finished the rollout %d ms after the leader's kill%n",
                Duration.between(killed, Instant.parse(done.getString("updatedAt"))).toMillis());
    }

    private String holder() {
        Lease l = fleet.homeClient().leases().inNamespace(SimulatedFleet.HOME_NAMESPACE).withName(LEASE).get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    private JsonPath rollout(Replica r, String id, java.util.function.Predicate<JsonPath> state) {
        return Poll.until(() -> r.as(SimulatedCredentials.OPERATOR_KEY).get("/api/v1/rollouts/" + id).then()
                .statusCode(200).extract().jsonPath(), j -> {
                    assertThat(j.getString("state")).as("rollout %s", id).isNotIn("rolled-back", "failed");
                    return state.test(j);
                });
    }

    private void watchWrites(String cluster) {
        List<String> seen = new CopyOnWriteArrayList<>();
        writes.put(cluster, seen);
        watches.add(fleet.client(cluster).network().v1().ingresses().inNamespace(Rollouts.NS).withName(ROUTE)
                .watch(new Watcher<Ingress>() {
                    @Override
                    public void eventReceived(Action action, Ingress ingress) {
                        seen.add(action.name() + " generation " + ingress.getMetadata().getGeneration());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                }));
    }

    /** A packaged facade with a short Lease; HOSTNAME names it in the Lease's holder (as a pod's name does). */
    private Replica start(String name) throws Exception {
        int port = freePort();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.config.locations=" + fleet.fleetYaml(),
                "-Dquarkus.http.port=" + port,
                "-Dfleet.data-dir=" + data.resolve(name),
                "-Dfleet.home.lease.duration=4s",
                "-Dfleet.home.lease.renew-deadline=3s",
                "-Dfleet.home.lease.retry-period=1s",
                "-jar", JAR.toString());
        Path log = Path.of("target", "ReplicasIT-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOSTNAME", name);
        Process p = pb.start();
        Replica r = new Replica(name, port, p);
        replicas.add(r);
        HttpClient http = HttpClient.newHttpClient();
        Poll.until(() -> {
            assertThat(p.isAlive()).as("%s exited; see %s", name, log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 0; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, s -> s == 200);
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
