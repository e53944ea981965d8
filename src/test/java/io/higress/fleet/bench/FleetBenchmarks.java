package io.higress.fleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedGateway;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The performance targets of issue 3, measured against the packaged facade in front of a simulated fleet of 100
 * gateways (10 clusters × 10). Prints each figure and writes docs/benchmarks.md. Run it with {@code bench/run}.
 */
public final class FleetBenchmarks {

    record Result(String scenario, String target, String measured, boolean met) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedFleet fleet;
    private final FacadeProcess facade;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Result> results = new ArrayList<>();
    private final int healthSeconds;

    private FleetBenchmarks(SimulatedFleet fleet, FacadeProcess facade, int healthSeconds) {
        this.fleet = fleet;
        this.facade = facade;
        this.healthSeconds = healthSeconds;
    }

    public static void main(String[] args) throws Exception {
        int healthSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path work = Files.createDirectories(Path.of("target/bench"));
        List<String> clusters = IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("c%02d", i)).toList();
        try (SimulatedFleet fleet = SimulatedFleet.builder().clusters(clusters).gatewaysPerCluster(10)
                .workDir(work.resolve("sim")).start();
                FacadeProcess facade = new FacadeProcess(Path.of("target/quarkus-app/quarkus-run.jar"),
                        fleet.fleetYaml(), 18080, work.resolve("facade.log"), List.of("-Xmx192m",
                                "-Dfleet.upstreams.envoy-admin.timeout=2s",
                                "-Dfleet.upstreams.envoy-admin.breaker-delay=60s"))) {
            FleetBenchmarks bench = new FleetBenchmarks(fleet, facade, healthSeconds);
            bench.readyFanOut();
            bench.healthPolling();
            bench.prometheusMerge();
            bench.configDumpStreaming();
            bench.write(Path.of("docs/benchmarks.md"));
        }
    }

    // ---- scenarios ----

    private double singleP50;

    /** 100 gateways answering /ready after 50 ms, then one of them hanging. */
    void readyFanOut() throws Exception {
        fleet.gateways().forEach(g -> g.setFault(Fault.latency(50).onPath("/ready")));
        String single = "/api/v1/clusters/c01/gateways/c01-gw-1/admin/ready";
        String all = "/api/v1/fleet/ready";
        sequential(single, 30);
        sequential(all, 30);
        Latencies one = sequential(single, 200);
        Latencies fleetWide = sequential(all, 200);
        singleP50 = one.percentile(50);
        double ratio = fleetWide.percentile(50) / singleP50;
        report("GET /fleet/ready, 100 gateways × 50 ms", "p50 ≤ 1.3× one gateway through the facade",
                String.format(Locale.ROOT, "p50 %.1f ms vs one gateway %.1f ms (%.2f×); p99 %.1f ms",
                        fleetWide.percentile(50), singleP50, ratio, fleetWide.percentile(99)), ratio <= 1.3);

        SimulatedGateway hung = fleet.gateway("c05", "c05-gw-5");
        hung.setFault(Fault.hanging());
        long first = timeOnce(all);
        int calls = 1;
        while (!hungItemIs(all, 503) && calls < 20) {
            calls++;
        }
        Latencies open = sequential(all, 100);
        double openRatio = open.percentile(50) / fleetWide.percentile(50);
        report("one of 100 hangs (deadline 2 s)", "answer at the deadline; once open, p50 ≤ 1.3× normal",
                String.format(Locale.ROOT, "first answer %d ms; breaker open after %d calls; then p50 %.1f ms (%.2f× normal)",
                        first, calls + 1, open.percentile(50), openRatio), first < 2600 && openRatio <= 1.3);
        fleet.gateways().forEach(SimulatedGateway::clearFault);
    }

    /**
     * 200 dashboards polling /fleet/health once a second each (their start spread over the first second): each
     * gateway is called at most once per TTL window, and the answer comes from the cache. Then the same 200 clients
     * without pause, to show the facade's saturation throughput on this machine.
     */
    void healthPolling() throws Exception {
        String path = "/api/v1/fleet/health";
        sequential(path, 5);
        Thread.sleep(2100);
        fleet.gateways().forEach(SimulatedGateway::resetRequestCounts);
        long start = System.nanoTime();
        Latencies polling = load(path, healthSeconds, 1000);
        double seconds = (System.nanoTime() - start) / 1e9;
        long windows = (long) Math.ceil(seconds / 2.0);
        long maxPerPath = fleet.gateways().stream().flatMap(g -> g.requestCounts().values().stream())
                .mapToLong(Long::longValue).max().orElse(0);
        report("200 clients polling /fleet/health every 1 s for " + healthSeconds + " s (TTL 2 s)",
                "≤ 1 call per gateway per TTL window; p99 ≤ 50 ms",
                String.format(Locale.ROOT, "%d requests; max %d calls to one gateway endpoint in %d windows; "
                        + "p50 %.1f ms, p99 %.1f ms", polling.count(), maxPerPath, windows,
                        polling.percentile(50), polling.percentile(99)),
                maxPerPath <= windows + 1 && polling.percentile(99) <= 50);
        Latencies saturated = load(path, 10, 0);
        report("the same 200 clients without pause for 10 s (saturation)", "(information)",
                String.format(Locale.ROOT, "%.0f requests/s; p50 %.1f ms, p99 %.1f ms", saturated.count() / 10.0,
                        saturated.percentile(50), saturated.percentile(99)), true);
    }

    /** 200 clients calling {@code path} for {@code seconds}, each waiting {@code periodMs} between its calls. */
    private Latencies load(String path, int seconds, long periodMs) throws Exception {
        Latencies latencies = new Latencies();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        for (int i = 0; i < 200; i++) {
            long offset = periodMs * i / 200;
            pool.submit(() -> {
                Thread.sleep(offset);
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        get(path);
                        latencies.add((System.nanoTime() - t) / 1e6);
                    } catch (Exception e) {
                        continue;
                    }
                    long rest = periodMs - (System.nanoTime() - t) / 1_000_000;
                    if (rest > 0) {
                        Thread.sleep(rest);
                    }
                }
                return null;
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return latencies;
    }

    /** 50 gateways each serving the real DataDog capture: one merged exposition. */
    void prometheusMerge() throws Exception {
        String capture = Files.readString(fixtures().resolve("envoy/datadog-envoy-stats-prometheus.txt"));
        List<String> five = List.of("c01", "c02", "c03", "c04", "c05");
        fleet.gateways().stream().filter(g -> five.contains(g.cluster())).forEach(g -> g.setPrometheusOverride(capture));
        String path = "/api/v1/fleet/stats/prometheus?clusters=" + String.join(",", five);
        sequential(path, 5);
        Latencies l = sequential(path, 20);
        long lines = get(path).body().lines().count();
        report("merged /stats/prometheus, 50 gateways × DataDog capture (1,338 lines)", "≤ 1 s",
                String.format(Locale.ROOT, "p50 %.0f ms, max %.0f ms (%d lines out)", l.percentile(50),
                        l.percentile(100), lines), l.percentile(100) <= 1000);
        fleet.gateways().forEach(g -> g.setPrometheusOverride(null));
    }

    /** 50 gateways × 2 MB dumps: throughput, and heap used by the facade while streaming. */
    void configDumpStreaming() throws Exception {
        List<String> five = List.of("c06", "c07", "c08", "c09", "c10");
        fleet.gateways().stream().filter(g -> five.contains(g.cluster())).forEach(g -> g.setDumpPaddingClusters(1050));
        String path = "/api/v1/fleet/config_dump?clusters=" + String.join(",", five);
        streamBytes(path);
        gc();
        Thread.sleep(500);
        long baseline = heapUsed();
        HeapSampler sampler = new HeapSampler();
        Thread t = new Thread(sampler);
        t.start();
        long start = System.nanoTime();
        long bytes = streamBytes(path);
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();
        t.join();
        double mbPerSecond = bytes / 1e6 / seconds;
        double growthMb = (sampler.peak.get() - baseline) / 1e6;
        // The dumps as the gateways serve them (Envoy pretty-prints, so they are larger than the compact output):
        // one gateway's dump read directly from its admin URL, times the number of gateways.
        List<SimulatedGateway> dumped = fleet.gateways().stream().filter(g -> five.contains(g.cluster())).toList();
        long inputBytes = dumpSize(dumped.get(0)) * dumped.size();
        double inputMbPerSecond = inputBytes / 1e6 / seconds;
        report("config_dump, " + dumped.size() + " gateways × 2 MB (facade -Xmx192m)",
                "heap growth ≤ 64 MB; ≥ 100 MB/s of dump data (input)",
                String.format(Locale.ROOT, "%.1f MB of dumps in %.2f s = %.0f MB/s in (%.1f MB out = %.0f MB/s); "
                        + "heap peak %.0f MB above a %.0f MB baseline", inputBytes / 1e6, seconds, inputMbPerSecond,
                        bytes / 1e6, mbPerSecond, growthMb, baseline / 1e6),
                growthMb <= 64 && inputMbPerSecond >= 100);
    }

    // ---- plumbing ----

    private final class HeapSampler implements Runnable {
        final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    peak.accumulateAndGet(heapUsed(), Math::max);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }

    private long heapUsed() throws Exception {
        String metrics = get("/q/metrics").body();
        return (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void gc() throws Exception {
        new ProcessBuilder("jcmd", Long.toString(facade.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }

    private boolean hungItemIs(String path, int status) throws Exception {
        for (JsonNode item : JSON.readTree(get(path).body()).path("items")) {
            if ("c05-gw-5".equals(item.path("gateway").asText())) {
                return item.path("error").path("status").asInt() == status;
            }
        }
        return false;
    }

    private Latencies sequential(String path, int n) throws Exception {
        Latencies l = new Latencies();
        for (int i = 0; i < n; i++) {
            l.add(timeOnce(path));
        }
        return l;
    }

    private long timeOnce(String path) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return (System.nanoTime() - t) / 1_000_000;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private long streamBytes(String path) throws Exception {
        HttpResponse<InputStream> r = http.send(request(path), HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = r.body()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** The size of a gateway's /config_dump as its admin port serves it. */
    private long dumpSize(SimulatedGateway gateway) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/config_dump"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = r.body()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(facade.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + SimulatedCredentials.VIEWER_KEY).build();
    }

    private void report(String scenario, String target, String measured, boolean met) {
        Result r = new Result(scenario, target, measured, met);
        results.add(r);
        System.out.printf("%-60s %s  [%s]%n", scenario, measured, met ? "met" : "NOT met");
    }

    private static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/fixtures not found");
    }

    private void write(Path file) throws Exception {
        String machine = String.format("%d cores (%s), %d GiB RAM, Java %s, %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                Math.round(totalMemory() / 1024.0 / 1024 / 1024), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String rows = results.stream().map(r -> "| " + r.scenario() + " | " + r.target() + " | " + r.measured()
                + " | " + (r.met() ? "met" : "**not met**") + " |").collect(Collectors.joining("\n"));
        String text = """
                # Benchmarks

                Measured by `bench/run` on %s.
                Machine: %s. The facade (packaged jar, `-Xmx192m`) and the simulated fleet (10 clusters × 10
                gateways: fabric8 mock API servers + Envoy admin simulators) share this machine and its cores;
                the client is Java's HttpClient in the benchmark process.

                | scenario | target (issue 3) | measured | |
                |---|---|---|---|
                %s

                Method: latencies are client-side wall times of sequential requests after a warm-up (the health
                scenario: 200 concurrent clients). The hung-gateway scenario uses a 2 s per-gateway deadline.
                Heap is `jvm_memory_used_bytes{area="heap"}` from the facade's /q/metrics, sampled every 20 ms
                during the request, against a baseline taken after a `jcmd GC.run`; it includes garbage not yet
                collected, so it is an upper bound of what the request retains.
                """.formatted(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME), machine, rows);
        Files.writeString(file, text);
        System.out.println("wrote " + file);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private static long totalMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0L);
        } catch (Exception e) {
            return 0;
        }
    }
}
