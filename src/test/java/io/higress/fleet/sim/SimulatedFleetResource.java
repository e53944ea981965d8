package io.higress.fleet.sim;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link SimulatedFleet} for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} classes and hands the
 * facade its configuration. The returned properties become config overrides in the test JVM, or system properties
 * of the packaged application for integration tests, so both see the same fleet.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = SimulatedFleetResource.class,
 *         initArgs = {&#64;ResourceArg(name = "clusters", value = "dev,prod"), &#64;ResourceArg(name = "gateways", value = "3")})
 * class FleetAdminTest {
 *     &#64;InjectSimulatedFleet SimulatedFleet fleet;   // or SimulatedFleetResource.fleet()
 * }
 * </pre>
 * Init args: {@code clusters} (comma-separated, default dev,test,prod), {@code gateways} (per cluster, default 2),
 * {@code without-kubernetes} (comma-separated clusters with simulators only), {@code port-forward} (clusters
 * whose gateways are reached through a Kubernetes port-forward), {@code console-managed} (clusters managed through
 * a simulated Higress Console), {@code write-faults} (clusters whose API server can fail a write after storing it,
 * {@link WriteFaultProxy}), {@code home} ({@code true}: a home cluster, {@link SimulatedFleet.Builder#home()}),
 * {@code unregistered} (clusters started but left for a test to register), {@code spare-gateways} (simulators
 * per cluster without a pod yet); any {@code fleet.*} or
 * {@code quarkus.*} key is passed to the facade as a configuration override.
 */
public class SimulatedFleetResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SimulatedFleet current;

    private SimulatedFleet.Builder builder = SimulatedFleet.builder();
    private final Map<String, String> overrides = new HashMap<>();

    /** The fleet of the running test resource. */
    public static SimulatedFleet fleet() {
        SimulatedFleet fleet = current;
        if (fleet == null) {
            throw new IllegalStateException("no SimulatedFleetResource is running");
        }
        return fleet;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        builder = SimulatedFleet.builder();
        if (initArgs.containsKey("clusters")) {
            builder.clusters(split(initArgs.get("clusters")));
        }
        if (initArgs.containsKey("gateways")) {
            builder.gatewaysPerCluster(Integer.parseInt(initArgs.get("gateways").trim()));
        }
        // Init args naming configuration keys are passed to the facade as they are (e.g. short test timeouts).
        initArgs.forEach((k, v) -> {
            if (k.startsWith("fleet.") || k.startsWith("quarkus.")) {
                overrides.put(k, v);
            }
        });
        if (initArgs.containsKey("port-forward")) {
            builder.portForward(split(initArgs.get("port-forward")).toArray(String[]::new));
        }
        if (initArgs.containsKey("console-managed")) {
            builder.consoleManaged(split(initArgs.get("console-managed")).toArray(String[]::new));
        }
        if (initArgs.containsKey("write-faults")) {
            builder.writeFaults(split(initArgs.get("write-faults")).toArray(String[]::new));
        }
        if (Boolean.parseBoolean(initArgs.get("home"))) {
            builder.home();
        }
        if (initArgs.containsKey("unregistered")) {
            builder.unregistered(split(initArgs.get("unregistered")).toArray(String[]::new));
        }
        if (initArgs.containsKey("spare-gateways")) {
            builder.spareGateways(Integer.parseInt(initArgs.get("spare-gateways").trim()));
        }
        if (initArgs.containsKey("without-kubernetes")) {
            builder.withoutKubernetes(split(initArgs.get("without-kubernetes")).toArray(String[]::new));
        }
    }

    @Override
    public Map<String, String> start() {
        SimulatedFleet fleet = builder.start();
        current = fleet;
        Map<String, String> properties = new HashMap<>(fleet.properties());
        // no container engine on these machines, and the fleet brings its own API servers
        properties.put("quarkus.kubernetes-client.devservices.enabled", "false");
        properties.putAll(overrides);
        return properties;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(current,
                new TestInjector.AnnotatedAndMatchesType(InjectSimulatedFleet.class, SimulatedFleet.class));
    }

    @Override
    public void stop() {
        SimulatedFleet fleet = current;
        current = null;
        if (fleet != null) {
            fleet.stop();
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
