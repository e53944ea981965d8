package io.higress.fleet.sim;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The handle of one simulated gateway: where its admin API listens, the knobs tests turn (readiness, xDS version,
 * 5xx ratio, dump size, fault) and how many requests it received per path. All knobs are safe to change from any
 * thread while the simulator serves.
 */
public final class SimulatedGateway {

    private final String cluster;
    private final String name;
    private final int port;
    private final Instant startedAt = Instant.now();
    private final TrafficCounters traffic;
    private final Map<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    private final Map<String, String> logLevels = new ConcurrentHashMap<>();

    private volatile ServerState state = ServerState.LIVE;
    private volatile String xdsVersion = "2025-11-25T00:00:00Z/1";
    private volatile double errorRatio;
    private volatile String prometheusOverride;
    private volatile byte[] configDumpOverride;
    private volatile int dumpPaddingClusters;
    private volatile Fault fault = Fault.NONE;
    private volatile List<X509Certificate> servedCertificates;
    /** Rejected xDS updates by the stat that counts them (e.g. {@code listener_manager.lds.update_rejected}). */
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final Map<String, HostTraffic> hosts = new ConcurrentHashMap<>();

    SimulatedGateway(String cluster, String name, int port) {
        this.cluster = cluster;
        this.name = name;
        this.port = port;
        // a different starting count per gateway so merged metrics are not trivially equal
        this.traffic = new TrafficCounters(200, 1000L + Math.floorMod(name.hashCode(), 1000));
        for (String logger : new String[] {"admin", "config", "connection", "http", "router", "upstream", "wasm"}) {
            logLevels.put(logger, "info");
        }
    }

    public String cluster() {
        return cluster;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Base URL of the admin API, e.g. {@code http://127.0.0.1:40123}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public ServerState state() {
        return state;
    }

    public SimulatedGateway setState(ServerState state) {
        this.state = state;
        return this;
    }

    /** The xDS version every section and dynamic resource of the config dump reports. */
    public String xdsVersion() {
        return xdsVersion;
    }

    public SimulatedGateway setXdsVersion(String version) {
        this.xdsVersion = version;
        return this;
    }

    /** Fraction (0..1) of simulated upstream requests answered 5xx from now on. */
    public double errorRatio() {
        return errorRatio;
    }

    public SimulatedGateway setErrorRatio(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("error ratio must be within 0..1, got " + ratio);
        }
        this.errorRatio = ratio;
        return this;
    }

    /**
     * Extra generated clusters in the config dump: about 1.9 KB each (pretty-printed, like Envoy's), so ~1000 make
     * a 2 MB dump. They appear in the dump only, not in /clusters or the stats.
     */
    public int dumpPaddingClusters() {
        return dumpPaddingClusters;
    }

    public SimulatedGateway setDumpPaddingClusters(int count) {
        this.dumpPaddingClusters = count;
        return this;
    }

    /** A recorded exposition served verbatim as /stats/prometheus (e.g. a real capture), or null. */
    public String prometheusOverride() {
        return prometheusOverride;
    }

    public SimulatedGateway setPrometheusOverride(String exposition) {
        this.prometheusOverride = exposition;
        return this;
    }

    /**
     * A recorded dump served verbatim as {@code /config_dump} without parameters (e.g. a real capture), or null for
     * the generated one.
     */
    public byte[] configDumpOverride() {
        return configDumpOverride;
    }

    public SimulatedGateway setConfigDumpOverride(byte[] dump) {
        this.configDumpOverride = dump;
        return this;
    }

    /** The TLS certificates {@code /certs} lists (leaf of each chain), or null for the built-in example one. */
    public List<X509Certificate> servedCertificates() {
        return servedCertificates;
    }

    /** Serve these certificates, as the gateway would after loading their Secrets (null: the built-in one). */
    public SimulatedGateway setServedCertificates(List<X509Certificate> certificates) {
        this.servedCertificates = certificates == null ? null : List.copyOf(certificates);
        return this;
    }

    public Fault fault() {
        return fault;
    }

    public SimulatedGateway setFault(Fault fault) {
        this.fault = fault == null ? Fault.NONE : fault;
        return this;
    }

    public SimulatedGateway clearFault() {
        return setFault(Fault.NONE);
    }

    /** Requests received on exactly this path (faulted ones included). */
    public long requestCount(String path) {
        LongAdder adder = requestsByPath.get(path);
        return adder == null ? 0 : adder.sum();
    }

    public long requestCount() {
        return requestsByPath.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        requestsByPath.forEach((path, adder) -> counts.put(path, adder.sum()));
        return counts;
    }

    public void resetRequestCounts() {
        requestsByPath.clear();
    }

    /** Requests other than GET and HEAD (Envoy's POST endpoints: they change the gateway). */
    public long writeCount() {
        return writes.sum();
    }

    void countWrite() {
        writes.increment();
    }

    void countRequest(String path) {
        requestsByPath.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    Map<String, String> logLevels() {
        return logLevels;
    }

    /**
     * Counts one rejected update of {@code type}, as Envoy does when it NACKs a config: LDS and CDS count in
     * {@code listener_manager.lds} / {@code cluster_manager.cds} (Envoy names no resource there); RDS in
     * {@code http.<stat_prefix>.rds.<route_config>} ({@code resource}: the route configuration, e.g. {@code http.80});
     * ECDS in {@code extension_config_discovery.http_filter.<filter>} ({@code resource}: the filter, e.g.
     * {@code higress-system.ai-proxy-1.0.0}).
     */
    public SimulatedGateway rejectUpdate(XdsType type, String resource) {
        String stat = switch (type) {
            case LDS -> "listener_manager.lds.update_rejected";
            case CDS -> "cluster_manager.cds.update_rejected";
            case RDS -> "http." + statPrefixOf(required(resource)) + ".rds." + resource + ".update_rejected";
            case ECDS -> "extension_config_discovery.http_filter." + required(resource) + ".update_rejected";
        };
        rejections.computeIfAbsent(stat, s -> new LongAdder()).increment();
        return this;
    }

    /**
     * A Wasm plugin (an ECDS filter) that failed to start: Envoy counts the config it could not instantiate in
     * {@code extension_config_discovery.http_filter.<filter>.config_fail}.
     */
    public SimulatedGateway failFilterConfig(String filter) {
        rejections.computeIfAbsent("extension_config_discovery.http_filter." + required(filter) + ".config_fail",
                s -> new LongAdder()).increment();
        return this;
    }

    Map<String, Long> rejections() {
        Map<String, Long> out = new TreeMap<>();
        rejections.forEach((stat, n) -> out.put(stat, n.sum()));
        return out;
    }

    /** The traffic of one virtual host (created on first use, 20 requests/s, no errors, 20 ms). */
    public HostTraffic host(String domain) {
        return hosts.computeIfAbsent(required(domain), HostTraffic::new);
    }

    public Map<String, HostTraffic> hosts() {
        return new TreeMap<>(hosts);
    }

    /** Stops serving every extra host and forgets the rejections (between tests). */
    public SimulatedGateway resetChangeStats() {
        hosts.clear();
        rejections.clear();
        return this;
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a resource name is required");
        }
        return value;
    }

    private String statPrefixOf(String routeConfig) {
        GatewayTopology topology = GatewayTopology.of(cluster);
        return topology.listeners().stream().filter(l -> l.routeConfigName().equals(routeConfig)).findFirst()
                .orElse(topology.listeners().get(0)).statPrefix();
    }

    /** {2xx, 5xx} upstream requests served so far; monotonic. */
    long[] upstreamRequests() {
        return traffic.advance(errorRatio);
    }

    long uptimeSeconds() {
        return Math.max(1, (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000);
    }

    @Override
    public String toString() {
        return cluster + "/" + name + "@" + adminUrl();
    }
}
