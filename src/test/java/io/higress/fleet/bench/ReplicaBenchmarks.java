package io.higress.fleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Issue 16's scale figures with two packaged facade replicas over one home cluster (a fabric8 mock API server in
 * CRUD mode keeping the Lease and the cluster Secrets), set up as {@code ReplicasIT} sets them up (HOSTNAME names a
 * replica in the Lease; a 4 s Lease, 3 s renew deadline, 1 s retry period):
 * <ol>
 * <li>200 clusters registered through {@code POST /api/v1/clusters} on replica A, paced over one minute, while 100
 * dashboards (50 per replica) poll {@code /api/v1/fleet/health} once a second each; replica B's cluster list read
 * every 100 ms meanwhile, to time when B sees each cluster and all 200.</li>
 * <li>Failover: the Lease holder SIGKILLed during wave 2's bake of a canary POSTed to the other replica; the time
 * to the survivor's Lease and to the rollout's first step stored by the survivor; median of 5, the killed replica
 * restarted between runs (so the holder alternates).</li>
 * </ol>
 */
final class ReplicaBenchmarks {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String LEASE = "higress-fleet-rollouts";
    static final int CLUSTERS = 200;
    static final int DASHBOARDS = 100;
    /** 200 registrations at this spacing: the last one starts 57.7 s after the first. */
    static final long SPACING_MS = 290;
    static final int FAILOVER_RUNS = 5;
    /** The Lease timing passed to both replicas (ReplicasIT's). */
    static final List<String> LEASE_ARGS = List.of("-Dfleet.home.lease.duration=4s",
            "-Dfleet.home.lease.renew-deadline=3s", "-Dfleet.home.lease.retry-period=1s");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedFleet fleet;
    private final Path work;
    private final ScaleBenchmarks.Report report;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, FacadeProcess> replicas = new ConcurrentHashMap<>();

    private ReplicaBenchmarks(SimulatedFleet fleet, Path work, ScaleBenchmarks.Report report) {
        this.fleet = fleet;
        this.work = work;
        this.report = report;
    }

    static void run(Path work, ScaleBenchmarks.Report report) throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder().clusters("dev", "test", "prod").gatewaysPerCluster(1)
                .unregistered("edge").home().workDir(work.resolve("sim-replicas")).start()) {
            ReplicaBenchmarks bench = new ReplicaBenchmarks(fleet, work, report);
            try {
                bench.start("replica-a");
                bench.start("replica-b");
                bench.registrationsUnderPolling();
                bench.failover();
            } finally {
                for (FacadeProcess f : bench.replicas.values()) {
                    f.close();
                }
            }
        }
    }

    // ---- 1. 200 registrations while 100 dashboards poll ----

    void registrationsUnderPolling() throws Exception {
        FacadeProcess a = replicas.get("replica-a");
        FacadeProcess b = replicas.get("replica-b");
        String loadBefore = loadavg();
        for (FacadeProcess f : List.of(a, b)) { // warm both replicas' health path
            for (int i = 0; i < 5; i++) {
                send(f, "GET", "/api/v1/fleet/health", SimulatedCredentials.VIEWER_KEY, null);
            }
        }

        // the dashboards: half on each replica, once a second each, their starts spread over the first second
        AtomicBoolean polling = new AtomicBoolean(true);
        Latencies polls = new Latencies();
        AtomicInteger failedPolls = new AtomicInteger();
        List<String> pollFailures = new CopyOnWriteArrayList<>();
        ExecutorService dashboards = Executors.newFixedThreadPool(DASHBOARDS);
        for (int i = 0; i < DASHBOARDS; i++) {
            FacadeProcess target = i % 2 == 0 ? a : b;
            long offset = 1000L * i / DASHBOARDS;
            dashboards.submit(() -> {
                Thread.sleep(offset);
                while (polling.get()) {
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> r = send(target, "GET", "/api/v1/fleet/health",
                                SimulatedCredentials.VIEWER_KEY, null);
                        if (r.statusCode() != 200) {
                            failedPolls.incrementAndGet();
                            note(pollFailures, r.statusCode() + " " + head(r.body()));
                        } else {
                            polls.add((System.nanoTime() - t) / 1e6);
                        }
                    } catch (Exception e) {
                        failedPolls.incrementAndGet();
                        note(pollFailures, e.toString());
                    }
                    long rest = 1000 - (System.nanoTime() - t) / 1_000_000;
                    if (rest > 0) {
                        Thread.sleep(rest);
                    }
                }
                return null;
            });
        }
        Thread.sleep(3000); // the dashboards settle before the first registration

        // replica B's cluster list, read every 100 ms: when it first lists each registered cluster
        Map<String, Long> seenOnB = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger listFailures = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                long t = System.nanoTime();
                try {
                    HttpResponse<String> r = send(b, "GET", "/api/v1/clusters", SimulatedCredentials.ADMIN_KEY, null);
                    long now = System.nanoTime();
                    if (r.statusCode() == 200) {
                        for (JsonNode c : JSON.readTree(r.body()).path("items")) {
                            seenOnB.putIfAbsent(c.path("name").asText(), now);
                        }
                    } else {
                        listFailures.incrementAndGet();
                    }
                } catch (Exception e) {
                    listFailures.incrementAndGet();
                }
                long rest = 100 - (System.nanoTime() - t) / 1_000_000;
                if (rest > 0) {
                    try {
                        Thread.sleep(rest);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "cluster-list-on-b");
        watcher.start();

        // the registrations on A, one every 290 ms (8 at most in flight)
        Map<String, Long> doneOnA = new ConcurrentHashMap<>();
        Latencies registrationLatency = new Latencies();
        List<String> registrationFailures = new CopyOnWriteArrayList<>();
        java.util.concurrent.ScheduledExecutorService registrars = Executors.newScheduledThreadPool(8);
        List<Future<?>> registered = new ArrayList<>();
        long first = System.nanoTime();
        for (int i = 1; i <= CLUSTERS; i++) {
            String name = String.format("r%03d", i);
            Map<String, Object> body = fleet.registration("edge");
            body.put("name", name);
            String json = JSON.writeValueAsString(body);
            registered.add(registrars.schedule(() -> {
                long t = System.nanoTime();
                try {
                    HttpResponse<String> r = send(a, "POST", "/api/v1/clusters", SimulatedCredentials.ADMIN_KEY,
                            json);
                    long now = System.nanoTime();
                    if (r.statusCode() == 201) {
                        doneOnA.put(name, now);
                        registrationLatency.add((now - t) / 1e6);
                    } else {
                        note(registrationFailures, name + ": " + r.statusCode() + " " + head(r.body()));
                    }
                } catch (Exception e) {
                    note(registrationFailures, name + ": " + e);
                }
                return null;
            }, (i - 1) * SPACING_MS, TimeUnit.MILLISECONDS));
        }
        for (Future<?> f : registered) {
            f.get();
        }
        registrars.shutdown();
        long lastDone = doneOnA.values().stream().mapToLong(Long::longValue).max().orElse(first);
        double registrationSeconds = (lastDone - first) / 1e9;

        // B lists every registered cluster (bounded: 60 s after the last registration)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !doneOnA.keySet().stream().allMatch(seenOnB::containsKey)) {
            Thread.sleep(50);
        }
        Thread.sleep(3000); // the dashboards go on a little past the last registration
        watching.set(false);
        watcher.join();
        polling.set(false);
        dashboards.shutdown();
        dashboards.awaitTermination(30, TimeUnit.SECONDS);
        String loadAfter = loadavg();

        boolean bHasAll = doneOnA.keySet().stream().allMatch(seenOnB::containsKey);
        long bAll = doneOnA.keySet().stream().mapToLong(n -> seenOnB.getOrDefault(n, Long.MAX_VALUE)).max()
                .orElse(Long.MAX_VALUE);
        double allOnBAfterLast = bHasAll ? (bAll - lastDone) / 1e6 : Double.NaN;
        Latencies lag = new Latencies(); // each cluster: its 201 on A to B's first list showing it
        doneOnA.forEach((n, t) -> {
            Long seen = seenOnB.get(n);
            if (seen != null) {
                lag.add(Math.max(0, seen - t) / 1e6);
            }
        });
        int onA = registeredIn(a);
        int onB = registeredIn(b);

        int ok = doneOnA.size();
        report.row("200 clusters POSTed to replica A over one minute (every " + SPACING_MS + " ms)",
                "all 200 registered within 60 s",
                String.format(Locale.ROOT, "%d of %d registered (201) in %.1f s (first start to last answer); each "
                        + "POST p50 %.0f ms, p99 %.0f ms, max %.0f ms%s", ok, CLUSTERS, registrationSeconds,
                        registrationLatency.percentile(50), registrationLatency.percentile(99),
                        registrationLatency.percentile(100),
                        registrationFailures.isEmpty() ? "" : "; failures: " + registrationFailures),
                ok == CLUSTERS && registrationSeconds <= 60);
        report.row(DASHBOARDS + " dashboards polling /fleet/health every 1 s meanwhile (50 per replica)",
                "no failed poll (p50/p99: information)",
                String.format(Locale.ROOT, "%d polls over %.0f s, %d failed; p50 %.1f ms, p99 %.1f ms, max %.0f ms%s",
                        polls.count() + failedPolls.get(), registrationSeconds + 6, failedPolls.get(),
                        polls.percentile(50), polls.percentile(99), polls.percentile(100),
                        pollFailures.isEmpty() ? "" : "; e.g. " + pollFailures),
                failedPolls.get() == 0);
        report.row("replica B lists all 200 (its list read every 100 ms)",
                "within 2 s of the last registration; each cluster within 2 s; both replicas list all 200",
                String.format(Locale.ROOT, "all 200 on B %.0f ms after A's last 201; per cluster (A's 201 → B's "
                        + "first list with it) p50 %.0f ms, p99 %.0f ms, max %.0f ms; at the end A lists %d, B %d "
                        + "registered clusters; %d failed list reads; load %s → %s", allOnBAfterLast,
                        lag.percentile(50), lag.percentile(99), lag.percentile(100), onA, onB, listFailures.get(),
                        loadBefore, loadAfter),
                bHasAll && allOnBAfterLast <= 2000 && lag.percentile(100) <= 2000 && onA == CLUSTERS
                        && onB == CLUSTERS);
    }

    /** How many of the registered clusters (r001…) the replica lists. */
    private int registeredIn(FacadeProcess f) throws Exception {
        HttpResponse<String> r = send(f, "GET", "/api/v1/clusters", SimulatedCredentials.ADMIN_KEY, null);
        int n = 0;
        for (JsonNode c : JSON.readTree(r.body()).path("items")) {
            if (c.path("name").asText().matches("r\\d{3}")) {
                n++;
            }
        }
        return n;
    }

    // ---- 2. failover ----

    void failover() throws Exception {
        String loadBefore = loadavg();
        List<Double> leaseTaken = new ArrayList<>();
        List<Double> moving = new ArrayList<>();
        List<Double> finished = new ArrayList<>();
        List<String> killedNames = new ArrayList<>();
        for (int run = 1; run <= FAILOVER_RUNS; run++) {
            String holder = until(this::holder, h -> h != null && replicas.keySet().stream()
                    .anyMatch(n -> h.startsWith(n + "-")), Duration.ofSeconds(60), "a Lease holder");
            String leaderName = replicas.keySet().stream().filter(n -> holder.startsWith(n + "-")).findFirst()
                    .orElseThrow();
            String followerName = leaderName.equals("replica-a") ? "replica-b" : "replica-a";
            FacadeProcess leader = replicas.get(leaderName);
            FacadeProcess follower = replicas.get(followerName);
            String route = "bench-failover-" + run;
            HttpResponse<String> posted = send(follower, "POST", "/api/v1/rollouts", SimulatedCredentials.OPERATOR_KEY,
                    """
                    {"strategy": "canary", "canaryOrder": ["dev", "test", "prod"], "waitTime": "3s",
                     "routes": [{"name": "%s", "domain": ["%s.example.com"], "paths": ["/*"],
                                 "serviceName": "demo-v2", "servicePort": 8080}]}""".formatted(route, route));
            if (posted.statusCode() != 202) {
                throw new IllegalStateException("rollout not accepted: " + posted.statusCode() + " " + posted.body());
            }
            String id = JSON.readTree(posted.body()).path("id").asText();
            until(() -> rollout(follower, id), j -> "baking".equals(
                    j.at("/waves/1/clusters/0/state").asText()), Duration.ofSeconds(60), "wave 2 baking");

            Instant killed = Instant.now(); // taken before the signal: the figures include the kill itself
            long killedNanos = System.nanoTime();
            leader.kill();
            replicas.remove(leaderName);
            killedNames.add(leaderName);
            double leaseMs = Double.NaN;
            double movingMs = Double.NaN;
            long bound = killedNanos + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < bound && (Double.isNaN(leaseMs) || Double.isNaN(movingMs))) {
                String h = holder();
                if (Double.isNaN(leaseMs) && h != null && h.startsWith(followerName + "-")) {
                    leaseMs = (System.nanoTime() - killedNanos) / 1e6;
                }
                if (Double.isNaN(movingMs)) {
                    JsonNode j = rollout(follower, id);
                    Instant updated = Instant.parse(j.path("updatedAt").asText());
                    if (updated.isAfter(killed)) { // only the survivor writes after the kill
                        movingMs = Duration.between(killed, updated).toNanos() / 1e6;
                    }
                }
                Thread.sleep(50);
            }
            JsonNode done = until(() -> rollout(follower, id), j -> {
                String state = j.path("state").asText();
                if (state.equals("rolled-back") || state.equals("failed")) {
                    throw new IllegalStateException("rollout " + id + " ended " + state + ": " + j);
                }
                return state.equals("succeeded");
            }, Duration.ofSeconds(120), "the rollout succeeded");
            double finishedMs = Duration.between(killed, Instant.parse(done.path("updatedAt").asText())).toNanos()
                    / 1e6;
            System.out.printf(Locale.ROOT, "  failover run %d: killed %s; survivor %s took the Lease after %.0f ms "
                    + "(observed, 50 ms polls), stored the rollout's next step after %.0f ms, finished it after "
                    + "%.0f ms (3 s bakes of test again and of prod)%n", run, leaderName, followerName, leaseMs,
                    movingMs, finishedMs);
            leaseTaken.add(leaseMs);
            moving.add(movingMs);
            finished.add(finishedMs);
            start(leaderName); // back as the follower: the next run kills the other replica
        }
        String loadAfter = loadavg();
        double median = median(moving);
        report.row("failover: the Lease holder SIGKILLed in wave 2's bake (Lease 4 s, retry 1 s), "
                        + FAILOVER_RUNS + " runs", "rollout moving again ≤ duration + retry period (5 s), median of 5",
                String.format(Locale.ROOT, "median %.0f ms from the kill to the survivor's first stored step "
                        + "(runs: %s ms); Lease taken over (observed) median %.0f ms (%s); finished median %.0f ms; "
                        + "killed in turn: %s; 200 registered clusters on each replica; load %s → %s", median,
                        list(moving), median(leaseTaken), list(leaseTaken), median(finished),
                        String.join(", ", killedNames), loadBefore, loadAfter),
                median <= 5000);
    }

    private String holder() {
        Lease l = fleet.homeClient().leases().inNamespace(SimulatedFleet.HOME_NAMESPACE).withName(LEASE).get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    private JsonNode rollout(FacadeProcess f, String id) {
        try {
            HttpResponse<String> r = send(f, "GET", "/api/v1/rollouts/" + id, SimulatedCredentials.OPERATOR_KEY, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("rollout " + id + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- plumbing ----

    /** A packaged facade as ReplicasIT starts one: HOSTNAME names it in the Lease, its own data directory. */
    private FacadeProcess start(String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Xmx256m", "-Dfleet.data-dir="
                + work.resolve("replicas-data").resolve(name).toAbsolutePath()));
        args.addAll(LEASE_ARGS);
        String extra = System.getenv().getOrDefault("FACADE_OPTS", "");
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        FacadeProcess f = new FacadeProcess(JAR, fleet.fleetYaml(), FacadeProcess.freePort(),
                work.resolve("facade-" + name + ".log"), args, null, Map.of("HOSTNAME", name));
        replicas.put(name, f);
        return f;
    }

    private HttpResponse<String> send(FacadeProcess f, String method, String path, String key, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T until(java.util.function.Supplier<T> read, Predicate<T> condition, Duration bound,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = read.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not there after " + bound + ": " + last);
            }
            Thread.sleep(50);
            last = read.get();
        }
        return last;
    }

    private static void note(List<String> failures, String what) {
        if (failures.size() < 3) {
            failures.add(what);
        }
    }

    private static String head(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    /** /proc/loadavg's three averages. */
    static String loadavg() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
}
