package io.higress.fleet.bench;

import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Issue 19's fan-out figures at 1,000 gateways (10 clusters × 100), each against the direct limit measured in the
 * same run ({@link DirectFetch}, capped at the facade's fan-out concurrency): start to the first ready answer, the
 * first fan-out after start (cold) against the steady state after tens of thousands of gateway calls (warm),
 * /fleet/ready p50 at 100 and 1,000 gateways (and issue 16's: at 1,000 against one gateway through the facade), the
 * facade's CPU per gateway call, and its memory at 1,000 gateways.
 */
final class ScaleBenchmarks {

    interface Report {
        void row(String scenario, String target, String measured, boolean met);
    }

    /** The facade's own fan-out cap ({@code fleet.fanout.concurrency}'s default). */
    private static final int FAN_OUT = 256;
    private static final String HEAP = "-Xmx256m";

    private final SimulatedFleet fleet;
    private final Report report;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ScaleBenchmarks(SimulatedFleet fleet, Path work, Report report) {
        this.fleet = fleet;
        this.work = work;
        this.report = report;
    }

    static void run(Path work, Report report) throws Exception {
        List<String> clusters = IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("s%02d", i)).toList();
        try (SimulatedFleet fleet = SimulatedFleet.builder().clusters(clusters).gatewaysPerCluster(100)
                .workDir(work.resolve("sim-1000")).start()) {
            new ScaleBenchmarks(fleet, work, report).measure();
        }
    }

    private void measure() throws Exception {
        List<SimulatedGateway> all = fleet.gateways();
        List<SimulatedGateway> hundred = all.stream().filter(g -> g.cluster().equals("s01")).toList();
        String allPath = "/api/v1/fleet/ready";
        String hundredPath = "/api/v1/fleet/ready?clusters=s01";
        double loadBefore = HeapGauge.load();

        // Cold: four fresh facades, the first fan-out after each start (over 100, then over 1,000 gateways), each
        // without and with the class-data archive deploy/Dockerfile.jvm makes (made here the same way).
        Path archive = appCdsArchive();
        List<Double> starts = new ArrayList<>();
        List<Double> cdsStarts = new ArrayList<>();
        List<Double> firstReady = new ArrayList<>();
        List<Double> cold100 = new ArrayList<>();
        List<Double> cold1000 = new ArrayList<>();
        List<String> coldFailures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean cds = i % 2 == 1;
            boolean small = i < 2;
            try (FacadeProcess f = facade("facade-1000-cold-" + i + ".log",
                    cds ? List.of("-XX:SharedArchiveFile=" + archive) : List.of())) {
                (cds ? cdsStarts : starts).add(f.startMillis);
                String path = small ? hundredPath : allPath;
                long t0 = System.nanoTime();
                String body = get(f, path);
                double t = (System.nanoTime() - t0) / 1e6;
                firstReady.add(f.startMillis + t);
                (small ? cold100 : cold1000).add(t);
                String failed = body.replaceAll("(?s).*\"failed\":(\\d+).*", "$1");
                if (!failed.equals("0")) {
                    coldFailures.add(failed + " of " + (small ? hundred.size() : all.size()) + " failed: "
                            + body.replaceAll("(?s).*?\"error\":\\{[^}]*\"detail\":\"([^\"]{0,120}).*", "$1"));
                }
            }
        }
        double directCold;
        try (DirectFetch direct = new DirectFetch()) {
            directCold = direct.all(all, "/ready", FAN_OUT);
        }

        try (FacadeProcess f = facade("facade-1000.log", List.of()); DirectFetch direct = new DirectFetch()) {
            // Warm-up: 40 fan-outs over 1,000 gateways (40,000 gateway calls) and as many direct ones.
            for (int i = 0; i < 40; i++) {
                timed(f, allPath, all.size());
                direct.all(all, "/ready", FAN_OUT);
            }
            for (int i = 0; i < 40; i++) {
                timed(f, hundredPath, hundred.size());
                direct.all(hundred, "/ready", FAN_OUT);
            }
            // Warm, alternating facade and direct so both see the same machine.
            Latencies f1000 = new Latencies();
            Latencies d1000 = new Latencies();
            Latencies f100 = new Latencies();
            Latencies d100 = new Latencies();
            HeapGauge.Sampler heap = new HeapGauge.Sampler(f.pid());
            for (int i = 0; i < 30; i++) {
                f1000.add(timed(f, allPath, all.size()));
                d1000.add(direct.all(all, "/ready", FAN_OUT));
            }
            for (int i = 0; i < 100; i++) {
                f100.add(timed(f, hundredPath, hundred.size()));
                d100.add(direct.all(hundred, "/ready", FAN_OUT));
            }
            // issue 16: the 1,000-gateway fan-out against one gateway's /ready through the facade
            String onePath = "/api/v1/clusters/s01/gateways/" + hundred.get(0).name() + "/admin/ready";
            Latencies one = new Latencies();
            for (int i = 0; i < 100; i++) {
                long t = System.nanoTime();
                get(f, onePath);
                one.add((System.nanoTime() - t) / 1e6);
            }
            heap.close();
            long rss = HeapGauge.rss(f.pid());
            // CPU per gateway call: the facade's user + system time over fan-outs only.
            int calls = 20;
            double cpu = f.cpuSeconds();
            for (int i = 0; i < calls; i++) {
                timed(f, allPath, all.size());
            }
            double cpuPerCall1000 = (f.cpuSeconds() - cpu) * 1e6 / (calls * all.size());
            cpu = f.cpuSeconds();
            for (int i = 0; i < 100; i++) {
                timed(f, hundredPath, hundred.size());
            }
            double cpuPerCall100 = (f.cpuSeconds() - cpu) * 1e6 / (100 * hundred.size());
            double loadAfter = HeapGauge.load();

            String load = String.format(Locale.ROOT, "load %.1f → %.1f", loadBefore, loadAfter);
            double r1000 = f1000.percentile(50) / d1000.percentile(50);
            double r100 = f100.percentile(50) / d100.percentile(50);
            report.row("GET /fleet/ready, 1,000 gateways (warm, after 40,000 gateway calls)",
                    "p50 ≤ 1.3× the direct limit",
                    String.format(Locale.ROOT, "p50 %.1f ms vs direct %.1f ms (%.2f×); p99 %.1f vs %.1f ms; %s",
                            f1000.percentile(50), d1000.percentile(50), r1000, f1000.percentile(99),
                            d1000.percentile(99), load), r1000 <= 1.3);
            report.row("GET /fleet/ready, 1,000 gateways (warm), issue 16's targets",
                    "p50 ≤ 1.5× the direct limit and ≤ 2× one gateway through the facade",
                    String.format(Locale.ROOT, "%.2f× the direct limit; one gateway's /ready through the facade "
                            + "p50 %.1f ms, the fan-out %.1f× that", r1000, one.percentile(50),
                            f1000.percentile(50) / one.percentile(50)),
                    r1000 <= 1.5 && f1000.percentile(50) <= 2 * one.percentile(50));
            report.row("GET /fleet/ready, 100 gateways (warm)", "p50 ≤ 1.3× the direct limit",
                    String.format(Locale.ROOT, "p50 %.1f ms vs direct %.1f ms (%.2f×); p99 %.1f vs %.1f ms",
                            f100.percentile(50), d100.percentile(50), r100, f100.percentile(99),
                            d100.percentile(99)), r100 <= 1.3);
            report.row("facade CPU per gateway call (warm)", "≤ 40 µs",
                    String.format(Locale.ROOT, "%.0f µs at 1,000 gateways (%d fan-outs), %.0f µs at 100 (100 fan-outs)",
                            cpuPerCall1000, calls, cpuPerCall100), Math.max(cpuPerCall1000, cpuPerCall100) <= 40);
            double cold1000Median = median(cold1000); // of two: the larger
            report.row("first fan-out after start / steady state",
                    "≤ 2× steady state",
                    String.format(Locale.ROOT, "100 gateways: %s ms (plain, archive) vs %.1f ms warm (%.1f×); "
                            + "1,000: %s ms vs %.1f ms warm (%.1f×); direct, a fresh client: %.0f ms%s",
                            list(cold100), f100.percentile(50), median(cold100) / f100.percentile(50),
                            list(cold1000), f1000.percentile(50),
                            cold1000Median / f1000.percentile(50), directCold,
                            coldFailures.isEmpty() ? "" : "; cold answers with failed items: " + coldFailures),
                    median(cold100) <= 2 * f100.percentile(50) && cold1000Median <= 2 * f1000.percentile(50));
            double best = Math.min(median(starts), median(cdsStarts));
            report.row("start to first ready answer (JVM, 1,000 gateways, " + HEAP + ")", "≤ 1.5 s",
                    String.format(Locale.ROOT, "/q/health/ready after %s ms without the class-data archive, %s ms "
                            + "with it; first /fleet/ready answer after %s ms (in start order: plain, archive, "
                            + "plain, archive)", list(starts), list(cdsStarts), list(firstReady)), best <= 1500);
            report.row("memory at 1,000 gateways (warm)", "heap ≤ 256 MB",
                    String.format(Locale.ROOT, "RSS %.0f MB; heap peak %.0f MB (sampled, garbage included), "
                            + "outside eden %.0f MB; the facade runs with %s", rss / 1e6, heap.peakUsed.get() / 1e6,
                            heap.peakRetained.get() / 1e6, HEAP), heap.peakUsed.get() <= 256L << 20);
        }
    }

    /** The application class-data archive, made as deploy/Dockerfile.jvm makes it (the app stops after static init). */
    private Path appCdsArchive() throws Exception {
        Path archive = work.resolve("app-cds.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Dquarkus.appcds.generate=true", "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("app-cds.log").toFile()).start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("no class-data archive: see " + work.resolve("app-cds.log"));
        }
        return archive;
    }

    private FacadeProcess facade(String log, List<String> jvmArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(HEAP));
        args.addAll(jvmArgs);
        String extra = System.getenv().getOrDefault("FACADE_OPTS", "");
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new FacadeProcess(Path.of("target/quarkus-app/quarkus-run.jar"), fleet.fleetYaml(), 18090,
                work.resolve(log), args);
    }

    /** One fan-out through the facade, its wall time in ms; fails unless every gateway answered. */
    private double timed(FacadeProcess f, String path, int gateways) throws Exception {
        long t = System.nanoTime();
        String body = get(f, path);
        double ms = (System.nanoTime() - t) / 1e6;
        if (!body.contains("\"ok\":" + gateways + ",")) {
            throw new IllegalStateException(path + " answered " + body.substring(Math.max(0, body.length() - 400)));
        }
        return ms;
    }

    private String get(FacadeProcess f, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(f.url(path)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + SimulatedCredentials.VIEWER_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
}
