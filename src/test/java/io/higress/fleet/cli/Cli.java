package io.higress.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.FleetApi;
import io.higress.fleet.sim.SimulatedFleet;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs fleetctl as a CI job would, with its own configuration directory, environment and standard input: in this
 * JVM ({@link #inProcess}), or as the packaged {@code bin/fleetctl} in a process of its own ({@link #packaged}).
 */
final class Cli {
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final Path WRAPPER = Path.of("bin/fleetctl");
    static final Path JAR = Path.of("target/fleetctl.jar");

    private final boolean packaged;
    private final Map<String, String> env = new HashMap<>();

    private Cli(boolean packaged, URI facade, Path home) {
        this.packaged = packaged;
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        if (facade != null) {
            env.put("FLEET_URL", facade.toString());
        }
    }

    static Cli inProcess(URI facade, Path home) {
        return new Cli(false, facade, home);
    }

    static Cli packaged(URI facade, Path home) {
        assertThat(JAR).as("./mvnw package builds target/fleetctl.jar before the integration tests").isRegularFile();
        return new Cli(true, facade, home);
    }

    /**
     * Waits until the facade has discovered every simulated gateway: on a busy machine the first discovery can take
     * longer than a test's first call.
     */
    static void awaitDiscovery(SimulatedFleet fleet) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonPath clusters = FleetApi.asAdmin().get("/api/v1/clusters").then().extract().jsonPath();
            boolean all = fleet.clusters().stream().allMatch(c -> "ok".equals(clusters.getString(
                    "items.find { it.name == '" + c + "' }.status")) && clusters.getInt("items.find { it.name == '"
                    + c + "' }.gateways.ready") == fleet.gatewayNames(c).size());
            if (all) {
                return;
            }
            assertThat(System.nanoTime()).as("every gateway discovered in 120 s: %s", clusters.prettify())
                    .isLessThan(until);
            Thread.sleep(100);
        }
    }

    Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    Path configDir() {
        return Path.of(env.get("XDG_CONFIG_HOME"), "higress-fleet");
    }

    Run run(String... args) {
        return input("", args);
    }

    Run input(String stdin, String... args) {
        return packaged ? process(stdin, args) : here(stdin, args);
    }

    private Run here(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                err, null);
        int exit = Fleetctl.run(terminal, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run process(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(WRAPPER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("FLEET") || k.startsWith("XDG_"));
        builder.environment().putAll(env);
        builder.environment().put("FLEETCTL_JAR", JAR.toAbsolutePath().toString());
        try {
            Path out = Files.createTempFile("fleetctl", ".out");
            Path err = Files.createTempFile("fleetctl", ".err");
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("fleetctl " + args[0] + " did not end in 180 s");
            }
            Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
