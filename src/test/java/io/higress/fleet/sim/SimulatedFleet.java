package io.higress.fleet.sim;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.higress.fleet.sim.console.ConsoleSimulator;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole simulated Higress fleet on this machine: per cluster a mock Kubernetes API server (CRUD mode) holding the
 * gateway pods, and per gateway an Envoy admin simulator. It writes one kubeconfig per cluster and the facade's
 * {@code fleet.yaml} into its work directory, and offers the same configuration as properties.
 *
 * <p>Gateway pods are named {@code <cluster>-gw-<n>} (n from 1), so a test names a gateway without looking it up.
 * It also writes {@code kubeconfig}, every cluster's context in one file, as a user's own kubeconfig would hold them.
 * Clusters created {@link Builder#withoutKubernetes(String...) without Kubernetes} only have their simulators and
 * are configured with {@code admin-mode: direct} and no {@code kubernetes} block. Clusters created
 * {@link Builder#consoleManaged(String...) console-managed} also get a {@link ConsoleSimulator} and
 * {@code management: console}; their mock API server stays, for gateway discovery.
 */
public final class SimulatedFleet implements AutoCloseable {

    private final List<String> clusters;
    private final Map<String, List<String>> gatewayNames;
    private final Map<String, MockApiServer> apiServers;
    private final EnvoyAdminSimulator simulator;
    private final Map<String, String> properties;
    private final Path fleetYaml;

    private final Map<String, PortForwardApiProxy> proxies;
    private final Map<String, ConsoleSimulator> consoles;
    private final Map<String, WriteFaultProxy> writeFaults;
    private final MockApiServer home;
    private final Map<String, Map<String, Object>> registrations;

    private SimulatedFleet(List<String> clusters, Map<String, List<String>> gatewayNames,
            Map<String, MockApiServer> apiServers, Map<String, PortForwardApiProxy> proxies,
            Map<String, ConsoleSimulator> consoles, Map<String, WriteFaultProxy> writeFaults,
            EnvoyAdminSimulator simulator, Map<String, String> properties, Path fleetYaml, MockApiServer home,
            Map<String, Map<String, Object>> registrations) {
        this.home = home;
        this.registrations = registrations;
        this.writeFaults = writeFaults;
        this.proxies = proxies;
        this.consoles = consoles;
        this.clusters = clusters;
        this.gatewayNames = gatewayNames;
        this.apiServers = apiServers;
        this.simulator = simulator;
        this.properties = properties;
        this.fleetYaml = fleetYaml;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> clusters() {
        return clusters;
    }

    public List<String> gatewayNames(String cluster) {
        List<String> names = gatewayNames.get(cluster);
        if (names == null) {
            throw new IllegalArgumentException("no simulated cluster " + cluster);
        }
        return names;
    }

    public SimulatedGateway gateway(String cluster, String name) {
        return simulator.gateway(cluster, name);
    }

    public List<SimulatedGateway> gateways() {
        return simulator.gateways();
    }

    public EnvoyAdminSimulator simulator() {
        return simulator;
    }

    public boolean hasKubernetes(String cluster) {
        return apiServers.containsKey(cluster);
    }

    /** The cluster's mock API server, for expectations ({@code expect()}) and its port. */
    public KubernetesMockServer kubernetesServer(String cluster) {
        return apiServer(cluster).server();
    }

    /** Makes the cluster's API server misbehave ({@link ApiFault#NONE} or null clears it). */
    public void setKubernetesFault(String cluster, ApiFault fault) {
        apiServer(cluster).faults().setFault(fault);
    }

    public ApiFault kubernetesFault(String cluster) {
        return apiServer(cluster).faults().fault();
    }

    /** The service account tokens the cluster's API server issued (TokenRequest), oldest first. */
    public List<String> serviceAccountTokens(String cluster, String namespace, String serviceAccount) {
        return apiServer(cluster).extras().tokens(namespace, serviceAccount);
    }

    /** Requests the cluster's API server received, and how many of them its fault applied to. */
    public long kubernetesRequests(String cluster) {
        return apiServer(cluster).faults().requests();
    }

    /** Writes (POST, PUT, PATCH, DELETE) the cluster's API server received. */
    public long kubernetesWrites(String cluster) {
        return apiServer(cluster).faults().writes();
    }

    public long kubernetesFaulted(String cluster) {
        return apiServer(cluster).faults().faulted();
    }

    /** The API server URL the facade is configured with (a port-forward cluster's goes through its proxy). */
    public String kubernetesUrl(String cluster) {
        PortForwardApiProxy proxy = proxies.get(cluster);
        return proxy != null ? proxy.url() : apiServer(cluster).url();
    }

    /** A client of the cluster's mock API server, for tests to read or change what the facade will see. */
    public NamespacedKubernetesClient client(String cluster) {
        return apiServer(cluster).client();
    }

    public boolean isConsoleManaged(String cluster) {
        return consoles.containsKey(cluster);
    }

    /** The console of a console-managed cluster: what the facade asked of it, and faults to inject. */
    public ConsoleSimulator console(String cluster) {
        ConsoleSimulator console = consoles.get(cluster);
        if (console == null) {
            throw new IllegalArgumentException("cluster " + cluster + " is not console-managed");
        }
        return console;
    }

    /** The write faults of a cluster started {@link Builder#writeFaults(String...) with them}. */
    public WriteFaultProxy writeFaults(String cluster) {
        WriteFaultProxy proxy = writeFaults.get(cluster);
        if (proxy == null) {
            throw new IllegalArgumentException("cluster " + cluster + " was not started with write faults");
        }
        return proxy;
    }

    /**
     * The home cluster's mock API server (CRUD mode: it keeps Secrets and serves watches), for a fleet started
     * {@link Builder#home() with one}.
     */
    public NamespacedKubernetesClient homeClient() {
        if (home == null) {
            throw new IllegalStateException("the fleet was started without a home cluster");
        }
        return home.client();
    }

    /** The namespace the facade keeps its objects in, in the home cluster. */
    public static final String HOME_NAMESPACE = "higress-fleet";

    /**
     * The POST /api/v1/clusters body that registers a cluster started {@link Builder#unregistered unregistered}:
     * its kubeconfig inline, its gateways (spares included) reached directly. A fresh copy each time.
     */
    public Map<String, Object> registration(String cluster) {
        Map<String, Object> body = registrations.get(cluster);
        if (body == null) {
            throw new IllegalArgumentException("cluster " + cluster + " was not started unregistered");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(body, Map.class);
        return copy;
    }

    /**
     * Adds a ready gateway pod to the cluster's API server: one of its spares ({@link Builder#spareGateways}),
     * whose simulator already answers.
     */
    public void addGatewayPod(String cluster, String name) {
        apiServer(cluster).addGatewayPod(name);
    }

    public void deleteGatewayPod(String cluster, String name) {
        apiServer(cluster).client().pods().inNamespace(EnvoyIdentity.NAMESPACE).withName(name).delete();
    }

    /** Shuts the cluster's API server down for good, to simulate an outage; its gateways keep answering. */
    public void stopKubernetes(String cluster) {
        apiServer(cluster).stop();
    }

    /** The facade configuration, e.g. {@code fleet.clusters.dev.gateways.direct.dev-gw-1=http://127.0.0.1:PORT}. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The kubeconfig holding every cluster's (admin) context, named after the cluster. */
    public Path kubeconfig() {
        return fleetYaml.resolveSibling("kubeconfig");
    }

    /** The same configuration as a YAML file, for {@code -Dquarkus.config.locations}. */
    public Path fleetYaml() {
        return fleetYaml;
    }

    /** Port-forward streams the facade opened to a port-forward cluster's gateways (0 for other clusters). */
    public long portForwardStreams(String cluster) {
        PortForwardApiProxy proxy = proxies.get(cluster);
        return proxy == null ? 0 : proxy.streamsOpened();
    }

    public void stop() {
        proxies.values().forEach(PortForwardApiProxy::close);
        writeFaults.values().forEach(WriteFaultProxy::close);
        consoles.values().forEach(ConsoleSimulator::close);
        apiServers.values().forEach(MockApiServer::stop);
        if (home != null) {
            home.stop();
        }
        simulator.close();
    }

    @Override
    public void close() {
        stop();
    }

    private MockApiServer apiServer(String cluster) {
        MockApiServer server = apiServers.get(cluster);
        if (server == null) {
            throw new IllegalArgumentException("cluster " + cluster + " has no simulated Kubernetes API");
        }
        return server;
    }

    /** The simulated consoles' admin password (no {@code :}, so HTTP Basic works). */
    static final String CONSOLE_PASSWORD = "sim-console-password";

    public static final class Builder {
        private final List<String> clusters = new ArrayList<>(List.of("dev", "test", "prod"));
        private final Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        private final Set<String> withoutKubernetes = new LinkedHashSet<>();
        private final Set<String> portForward = new LinkedHashSet<>();
        private final Set<String> consoleManaged = new LinkedHashSet<>();
        private final Set<String> writeFaults = new LinkedHashSet<>();
        private final Set<String> unregistered = new LinkedHashSet<>();
        private int gatewaysPerCluster = 2;
        private int spareGateways;
        private boolean home;
        private int consolePort;
        private Path workDir;

        public Builder clusters(String... names) {
            return clusters(List.of(names));
        }

        public Builder clusters(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a simulated fleet needs at least one cluster");
            }
            clusters.clear();
            clusters.addAll(names);
            return this;
        }

        public Builder gatewaysPerCluster(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("gatewaysPerCluster must be at least 1, got " + count);
            }
            this.gatewaysPerCluster = count;
            return this;
        }

        /**
         * A home cluster for the facade (fleet.home): a mock API server in CRUD mode, namespace
         * {@link #HOME_NAMESPACE}, where clusters registered through the API are kept.
         */
        public Builder home() {
            this.home = true;
            return this;
        }

        /**
         * Clusters started (API server, gateway pods, simulators) but left out of the fleet file: a test registers
         * them through the API with {@link SimulatedFleet#registration}.
         */
        public Builder unregistered(String... names) {
            unregistered.addAll(List.of(names));
            return this;
        }

        /**
         * Per cluster, this many more gateway simulators ({@code <cluster>-gw-<n>} after the others) configured
         * for direct admin, without a pod: {@link SimulatedFleet#addGatewayPod} makes one appear.
         */
        public Builder spareGateways(int count) {
            this.spareGateways = count;
            return this;
        }

        /** Replaces the default labels ({@code env=<cluster>}) of a cluster. */
        public Builder labels(String cluster, Map<String, String> clusterLabels) {
            labels.put(cluster, Map.copyOf(clusterLabels));
            return this;
        }

        /** These clusters get gateway simulators only: admin-mode direct, no Kubernetes API. */
        public Builder withoutKubernetes(String... names) {
            withoutKubernetes.addAll(List.of(names));
            return this;
        }

        /**
         * Clusters whose gateways the facade reaches by Kubernetes port-forward (admin-mode port-forward), through
         * a {@link PortForwardApiProxy} in front of their mock API server.
         */
        public Builder portForward(String... names) {
            portForward.addAll(List.of(names));
            return this;
        }

        /**
         * Clusters whose routes, plugins and bridges the facade manages through a {@link ConsoleSimulator}
         * ({@code management: console}, user {@code admin}, password in a file of the work directory).
         */
        public Builder consoleManaged(String... names) {
            consoleManaged.addAll(List.of(names));
            return this;
        }

        /**
         * Clusters whose API server the facade reaches through a {@link WriteFaultProxy}, so that a test can make a
         * write fail after (or before) it is stored. Not with port-forward.
         */
        public Builder writeFaults(String... names) {
            writeFaults.addAll(List.of(names));
            return this;
        }

        /**
         * The console of the n-th console-managed cluster (from 0) listens on {@code port + n}; 0 (the default):
         * any free port. bin/simulated-fleet gives 18001, the port config/fleet.yaml names.
         */
        public Builder consolePort(int port) {
            this.consolePort = port;
            return this;
        }

        /** Where kubeconfigs and fleet.yaml go (created if missing); a temporary directory by default. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public SimulatedFleet start() {
            Path dir = prepare(workDir);
            EnvoyAdminSimulator simulator = new EnvoyAdminSimulator();
            Map<String, MockApiServer> apiServers = new LinkedHashMap<>();
            Map<String, List<String>> names = new LinkedHashMap<>();
            Map<String, Object> clusterTree = new LinkedHashMap<>();
            Map<String, PortForwardApiProxy> proxies = new LinkedHashMap<>();
            Map<String, ConsoleSimulator> consoles = new LinkedHashMap<>();
            Map<String, WriteFaultProxy> faults = new LinkedHashMap<>();
            List<Path> kubeconfigs = new ArrayList<>();
            Map<String, Map<String, Object>> registrations = new LinkedHashMap<>();
            MockApiServer homeServer = null;
            List<String> all = new ArrayList<>(clusters);
            all.addAll(unregistered);
            try {
                if (home) {
                    homeServer = new MockApiServer("home").start();
                }
                for (String cluster : all) {
                    List<String> gateways = new ArrayList<>();
                    for (int i = 1; i <= gatewaysPerCluster; i++) {
                        gateways.add(cluster + "-gw-" + i);
                    }
                    names.put(cluster, List.copyOf(gateways));
                    List<String> spares = new ArrayList<>();
                    for (int i = 1; i <= spareGateways; i++) {
                        spares.add(cluster + "-gw-" + (gatewaysPerCluster + i));
                    }
                    Map<String, Object> kubernetes = null;
                    if (!withoutKubernetes.contains(cluster)) {
                        MockApiServer api = new MockApiServer(cluster).start();
                        apiServers.put(cluster, api);
                        gateways.forEach(api::addGatewayPod);
                        String serverUrl = api.url();
                        if (portForward.contains(cluster)) {
                            PortForwardApiProxy proxy = new PortForwardApiProxy(simulator.vertx(), "localhost",
                                    api.port(), pod -> simulator.gateway(cluster, pod).port()).start();
                            proxies.put(cluster, proxy);
                            serverUrl = proxy.url();
                        }
                        if (writeFaults.contains(cluster)) {
                            if (portForward.contains(cluster)) {
                                throw new IllegalArgumentException(cluster + ": write faults and port-forward "
                                        + "are not combined");
                            }
                            WriteFaultProxy proxy = new WriteFaultProxy(simulator.vertx(), "localhost", api.port())
                                    .start();
                            faults.put(cluster, proxy);
                            serverUrl = proxy.url();
                        }
                        Path kubeconfig = api.writeKubeconfig(dir, serverUrl);
                        kubeconfigs.add(kubeconfig);
                        kubernetes = new LinkedHashMap<>(Map.of("kubeconfig", kubeconfig.toString()));
                        kubernetes.put("context", cluster);
                    }
                    Map<String, Object> direct = new LinkedHashMap<>();
                    for (String gateway : gateways) {
                        direct.put(gateway, simulator.start(cluster, gateway).adminUrl());
                    }
                    for (String gateway : spares) {
                        direct.put(gateway, simulator.start(cluster, gateway).adminUrl());
                    }
                    Map<String, Object> entry = portForward.contains(cluster)
                            ? portForwardEntry(cluster, kubernetes) : clusterEntry(cluster, kubernetes, direct);
                    if (consoleManaged.contains(cluster)) {
                        ConsoleSimulator console = new ConsoleSimulator(simulator.vertx(), "admin", CONSOLE_PASSWORD,
                                consolePort == 0 ? 0 : consolePort + consoles.size());
                        consoles.put(cluster, console);
                        entry.put("management", "console");
                        entry.put("console", consoleEntry(dir, cluster, console));
                    }
                    if (unregistered.contains(cluster)) {
                        registrations.put(cluster, registration(cluster, entry, apiServers.get(cluster)));
                    } else {
                        clusterTree.put(cluster, entry);
                    }
                }
            } catch (RuntimeException e) {
                if (homeServer != null) {
                    homeServer.stop();
                }
                proxies.values().forEach(PortForwardApiProxy::close);
                faults.values().forEach(WriteFaultProxy::close);
                consoles.values().forEach(ConsoleSimulator::close);
                apiServers.values().forEach(MockApiServer::stop);
                simulator.close();
                throw e;
            }
            if (!kubeconfigs.isEmpty()) {
                write(dir.resolve("kubeconfig"), FleetFiles.mergedKubeconfig(kubeconfigs));
            }
            Map<String, Object> fleetTree = new LinkedHashMap<>();
            fleetTree.put("clusters", clusterTree);
            fleetTree.put("data-dir", dir.resolve("data").toString());
            fleetTree.put("security", SimulatedCredentials.securityTree());
            if (homeServer != null) {
                fleetTree.put("home", Map.of("kubernetes", Map.of("master-url", homeServer.url()),
                        "namespace", HOME_NAMESPACE));
            }
            Map<String, Object> tree = Map.of("fleet", fleetTree);
            Path yaml = dir.resolve("fleet.yaml").toAbsolutePath();
            write(yaml, FleetFiles.yaml(tree));
            return new SimulatedFleet(List.copyOf(clusters), Map.copyOf(names), Map.copyOf(apiServers),
                    Map.copyOf(proxies), Map.copyOf(consoles), Map.copyOf(faults), simulator,
                    Map.copyOf(FleetFiles.properties(tree)), yaml, homeServer, Map.copyOf(registrations));
        }

        /** The fleet file's entry as an API body: the kubeconfig inline instead of its file. */
        private static Map<String, Object> registration(String cluster, Map<String, Object> entry,
                MockApiServer api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", cluster);
            body.putAll(entry);
            if (api != null) {
                body.put("kubernetes", Map.of("context", cluster));
                try {
                    body.put("credentials", Map.of("kubeconfig", Files.readString(
                            api.writeKubeconfig(Files.createTempDirectory("kubeconfig-" + cluster)))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return body;
        }

        private static Map<String, Object> consoleEntry(Path dir, String cluster, ConsoleSimulator console) {
            Path passwordFile = dir.resolve("console-" + cluster + ".password").toAbsolutePath();
            write(passwordFile, CONSOLE_PASSWORD + "\n");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", console.url());
            entry.put("username", "admin");
            entry.put("password-file", passwordFile.toString());
            return entry;
        }

        private Map<String, Object> portForwardEntry(String cluster, Map<String, Object> kubernetes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("labels", new LinkedHashMap<>(labels.getOrDefault(cluster, Map.of("env", cluster))));
            entry.put("kubernetes", kubernetes);
            Map<String, Object> gateways = new LinkedHashMap<>();
            gateways.put("namespace", EnvoyIdentity.NAMESPACE);
            gateways.put("selector", "app=higress-gateway");
            gateways.put("admin-mode", "port-forward");
            gateways.put("admin-port", "15000");
            entry.put("gateways", gateways);
            return entry;
        }

        private Map<String, Object> clusterEntry(String cluster, Map<String, Object> kubernetes,
                Map<String, Object> direct) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("labels", new LinkedHashMap<>(labels.getOrDefault(cluster, Map.of("env", cluster))));
            if (kubernetes != null) {
                entry.put("kubernetes", kubernetes);
            }
            Map<String, Object> gateways = new LinkedHashMap<>();
            gateways.put("namespace", EnvoyIdentity.NAMESPACE);
            gateways.put("selector", "app=higress-gateway");
            gateways.put("admin-mode", "direct");
            gateways.put("direct", direct);
            entry.put("gateways", gateways);
            return entry;
        }

        private static Path prepare(Path dir) {
            try {
                return dir == null ? Files.createTempDirectory("simulated-fleet")
                        : Files.createDirectories(dir).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void write(Path file, String content) {
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
