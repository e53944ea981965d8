package io.higress.fleet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A facade's heap and memory read from outside with {@code jstat} and {@code jcmd} (the JVM's shared performance
 * counters: sampling costs the facade nothing, where a /q/metrics scrape every 20 ms would cost it CPU).
 */
final class HeapGauge {

    private HeapGauge() {
    }

    /** Used heap, and the part outside G1's eden: what survived the last young collection plus humongous buffers. */
    record Heap(long used, long retained) {
    }

    /** Samples {@code jstat -gc} every 20 ms, keeping the peaks. */
    static final class Sampler implements AutoCloseable {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakRetained = new AtomicLong();
        private final Process jstat;
        private final Thread reader;

        Sampler(long pid) throws Exception {
            jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "20")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream()))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        Heap h = parse(line);
                        if (h != null) {
                            peakUsed.accumulateAndGet(h.used(), Math::max);
                            peakRetained.accumulateAndGet(h.retained(), Math::max);
                        }
                    }
                } catch (java.io.IOException e) {
                    // jstat stopped
                }
            });
            reader.start();
            Thread.sleep(200); // jstat's first sample
        }

        @Override
        public void close() throws Exception {
            Thread.sleep(40); // one more sample after the request
            jstat.destroy();
            reader.join(5000);
        }
    }

    static Heap heap(long pid) throws Exception {
        Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(HeapGauge::parse).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("jstat: " + out));
    }

    /** A data line of {@code jstat -gc}: S0C S1C S0U S1U EC EU OC OU ... in KB; null for the header. */
    private static Heap parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !Character.isDigit(f[0].charAt(0))) {
            return null;
        }
        double s0 = Double.parseDouble(f[2]);
        double s1 = Double.parseDouble(f[3]);
        double eden = Double.parseDouble(f[5]);
        double old = Double.parseDouble(f[7]);
        return new Heap((long) ((s0 + s1 + eden + old) * 1024), (long) ((s0 + s1 + old) * 1024));
    }

    static void gc(long pid) throws Exception {
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }

    /** The process's resident set (VmRSS) in bytes. */
    static long rss(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                .findFirst().orElse(0L);
    }

    /** The 1-minute load average. */
    static double load() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
