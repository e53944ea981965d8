package io.higress.fleet.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a simulated fleet on this machine, with its control API, and (unless {@code --no-facade}) the facade
 * configured against it. Stops everything on Ctrl-C; exits with the facade's code when the facade exits.
 * Started by {@code bin/simulated-fleet}.
 */
public final class SimulatedFleetMain {

    private record Options(List<String> clusters, int gateways, Path facadeJar, int controlPort, boolean facade,
            Path workDir, int port, List<String> consoleManaged, List<String> portForward, int consolePort) {
    }

    /** Held so the level sticks: the mock API servers log every request at INFO, which drowns the facade's log. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private SimulatedFleetMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        SimulatedFleet fleet = SimulatedFleet.builder().clusters(options.clusters())
                .gatewaysPerCluster(options.gateways()).workDir(options.workDir())
                .consoleManaged(options.consoleManaged().toArray(String[]::new)).consolePort(options.consolePort())
                .portForward(options.portForward().toArray(String[]::new)).start();
        SimControlServer control = SimControlServer.start(fleet, options.controlPort());
        Process facade = options.facade() ? launchFacade(options.facadeJar(), fleet.fleetYaml(), options.port()) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (facade != null && facade.isAlive()) {
                facade.destroy();
            }
            control.close();
            fleet.stop();
            stopped.countDown();
        }, "simulated-fleet-shutdown"));
        printBanner(fleet, control, facade != null ? "http://localhost:" + options.port() + " (starting...)" : null);
        if (facade != null) {
            System.exit(facade.waitFor()); // runs the shutdown hook
        }
        stopped.await();
    }

    private static Process launchFacade(Path jar, Path fleetYaml, int port) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("facade jar " + jar + " not found: build it (mvn package) or pass "
                    + "--facade <jar>, or run with --no-facade");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dquarkus.config.locations=" + fleetYaml.toAbsolutePath(),
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()).inheritIO().start();
    }

    private static void printBanner(SimulatedFleet fleet, SimControlServer control, String facade) {
        String gw = fleet.clusters().get(0) + "/" + fleet.gatewayNames(fleet.clusters().get(0)).get(0);
        System.out.printf("""

                Simulated Higress fleet: %d clusters x %d gateways  %s
                  fleet config : %s
                  facade       : %s
                  control API  : %s
                try:
                  curl -s %s/sim/gateways
                  curl -s %s/ready
                  curl -s -X PUT %s/sim/gateways/%s/fault -d '{"path":"/config_dump","latencyMs":2000}'
                  curl -s -X PUT %s/sim/gateways/%s/state -d '{"errorRatio":0.2,"xdsVersion":"v2"}'
                  curl -s -X DELETE %s/sim/gateways/%s/fault
                Ctrl-C stops everything.

                """, fleet.clusters().size(), fleet.gatewayNames(fleet.clusters().get(0)).size(), fleet.clusters(),
                fleet.fleetYaml(), facade != null ? facade : "not started (--no-facade)",
                control.url(), control.url(), fleet.gateway(gw.split("/")[0], gw.split("/")[1]).adminUrl(),
                control.url(), gw, control.url(), gw, control.url(), gw);
    }

    private static Options parse(String[] args) {
        List<String> clusters = List.of("dev", "test", "prod");
        int gateways = 2;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        int controlPort = 18000;
        boolean facade = true;
        Path workDir = Path.of("target/sim");
        int port = 8080;
        List<String> consoleManaged = List.of();
        List<String> portForward = List.of();
        int consolePort = 18001;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--clusters" -> clusters = Arrays.stream(value(rest, arg).split(",")).map(String::trim).toList();
                case "--gateways" -> gateways = Integer.parseInt(value(rest, arg));
                case "--facade" -> jar = Path.of(value(rest, arg));
                case "--control-port" -> controlPort = Integer.parseInt(value(rest, arg));
                case "--work-dir" -> workDir = Path.of(value(rest, arg));
                case "--no-facade" -> facade = false;
                case "--port" -> port = Integer.parseInt(value(rest, arg));
                case "--console-managed" -> consoleManaged = Arrays.stream(value(rest, arg).split(","))
                        .map(String::trim).toList();
                case "--port-forward" -> portForward = Arrays.stream(value(rest, arg).split(","))
                        .map(String::trim).toList();
                case "--console-port" -> consolePort = Integer.parseInt(value(rest, arg));
                default -> usage("unknown option " + arg);
            }
        }
        if (portForward.equals(List.of("all"))) {
            portForward = clusters;
        }
        return new Options(clusters, gateways, jar, controlPort, facade, workDir, port, consoleManaged, portForward,
                consolePort);
    }

    private static String value(List<String> rest, String option) {
        if (rest.isEmpty()) {
            usage(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: simulated-fleet [--clusters dev,test,prod] [--gateways 2] "
                + "[--facade target/quarkus-app/quarkus-run.jar] [--control-port 18000] [--work-dir target/sim] "
                + "[--port 8080] [--console-managed test] [--console-port 18001] [--port-forward prod|all] "
                + "[--no-facade]");
        System.exit(2);
    }
}
