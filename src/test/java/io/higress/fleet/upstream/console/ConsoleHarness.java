package io.higress.fleet.upstream.console;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.sim.console.ConsoleSimulator;
import io.higress.fleet.upstream.UpstreamGuards;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A console-managed cluster ({@code test-<n>}) in front of a {@link ConsoleSimulator}, without CDI: the real client, guards
 * and password reader on a plain Vert.x instance. Close it after each test.
 */
public final class ConsoleHarness implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicInteger CLUSTERS = new java.util.concurrent.atomic.AtomicInteger();

    /** Unique per harness: circuit breaker names are global to the JVM. */
    public final String cluster = "test-" + CLUSTERS.incrementAndGet();

    public final Vertx vertx = Vertx.vertx();
    public final ConsoleSimulator console;
    public final FleetConfig config;
    public final HigressConsoleClient client;
    public final UpstreamGuards guards;
    private final Path passwordFile;

    public ConsoleHarness(String password, int pageSize) {
        this(password, password, pageSize);
    }

    /** {@code configuredPassword} is what the facade's password file says, {@code consolePassword} the console's. */
    public ConsoleHarness(String consolePassword, String configuredPassword, int pageSize) {
        console = new ConsoleSimulator(vertx.getDelegate(), "admin", consolePassword);
        try {
            passwordFile = Files.createTempFile("console-password", "");
            Files.writeString(passwordFile, configuredPassword + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>();
        p.put("fleet.clusters." + cluster + ".management", "console");
        p.put("fleet.clusters." + cluster + ".console.url", console.url());
        p.put("fleet.clusters." + cluster + ".console.username", "admin");
        p.put("fleet.clusters." + cluster + ".console.password-file", passwordFile.toString());
        p.put("fleet.upstreams.console.timeout", "3s");
        p.put("fleet.upstreams.console.retries", "1");
        p.put("fleet.upstreams.console.retry-backoff", "10ms");
        p.put("fleet.upstreams.console.retry-max-backoff", "20ms");
        p.put("fleet.upstreams.console.breaker-window", "50");
        p.put("fleet.upstreams.console.breaker-failure-ratio", "0.5");
        p.put("fleet.upstreams.console.concurrency", "8");
        config = new SmallRyeConfigBuilder().withMapping(FleetConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(p, "test", 100)).build()
                .getConfigMapping(FleetConfig.class);
        guards = new UpstreamGuards(config, new SimpleMeterRegistry());
        client = new HigressConsoleClient(config, guards, new ConsolePasswords(config, vertx), vertx, pageSize);
    }

    @Override
    public void close() throws IOException {
        client.close();
        console.close();
        vertx.closeAndAwait();
        Files.deleteIfExists(passwordFile);
    }
}
