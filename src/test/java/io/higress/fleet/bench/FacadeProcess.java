package io.higress.fleet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged facade as a child process, as users run it; started when it answers ready. */
public final class FacadeProcess implements AutoCloseable {

    public final int port;
    private final Process process;
    /** From starting the process to its first ready answer, in milliseconds (polled every 20 ms). */
    final double startMillis;

    public FacadeProcess(Path jar, Path fleetYaml, int port, Path log, List<String> jvmArgs) throws Exception {
        this(jar, fleetYaml, port, log, jvmArgs, null, Map.of());
    }

    /**
     * Started in {@code workDir} (where the fleet file's relative paths resolve; null: this process's), with
     * {@code env} added to its environment (FLEET_TOKEN_SECRET and the like).
     */
    public FacadeProcess(Path jar, Path fleetYaml, int port, Path log, List<String> jvmArgs, Path workDir,
            Map<String, String> env) throws Exception {
        this.port = port;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dquarkus.config.locations=" + fleetYaml.toAbsolutePath());
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().putAll(env);
        long spawned = System.nanoTime();
        process = builder.start();
        waitReady(log);
        startMillis = (System.nanoTime() - spawned) / 1e6;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a node failure or an OOM kill ends a pod: no shutdown hook runs, nothing is released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** User + system CPU time the facade has used so far (Linux /proc, clock ticks of 10 ms). */
    double cpuSeconds() throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of proc(5)
    }

    /** A port that was free a moment ago (the facade takes it at once). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void waitReady(Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the facade exited with " + process.exitValue() + ":\n"
                        + java.nio.file.Files.readString(log));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the facade did not become ready in 120 s");
    }

    @Override
    public void close() throws Exception { // SIGTERM: a clean Quarkus shutdown
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
