package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.parse.ReadyState;
import io.higress.fleet.admin.parse.StatsParser;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.discovery.GatewayDiscovery;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamRefused;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The gate's three checks over one cluster's gateways, each through the Envoy admin guard:
 * <ul>
 * <li>ready: every discovered gateway answers {@code /ready} with LIVE (none discovered fails too);</li>
 * <li>samples ({@link #sample}): the counters of rejected xDS updates ({@link RejectedUpdates}) and the request
 * counters and latency histograms the metrics gate judges ({@link ChangeMetrics}), compared between samples;</li>
 * <li>converged: the xDS versions of the sections the rollout touches ({@link XdsSection}, {@code /config_dump?
 * resource=...}) on every gateway differ from the ones seen before the apply and are equal across the cluster's
 * gateways: the controller pushed after our write and every gateway took the same push. It does not prove the push
 * carries our object: a push for another reason passes too.</li>
 * </ul>
 * The gate's reads go first in each gateway's bulkhead ({@link CallOptions#GATE_READ}): dashboard load delays them
 * by the calls already in flight at most. A read the facade still refused as busy makes the result {@code busy}, not
 * failed: the facade's load is not the rollout's fault.
 */
@ApplicationScoped
public class HealthGate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayDiscovery discovery;
    private final EnvoyAdmin envoy;

    public HealthGate(GatewayDiscovery discovery, EnvoyAdmin envoy) {
        this.discovery = discovery;
        this.envoy = envoy;
    }

    public Uni<GateResult> ready(Cluster cluster) {
        return eachGateway(cluster, g -> envoy.get(cluster, g, "/ready", Map.of(), CallOptions.GATE_READ,
                        s -> EnvoyAdmin.OK.test(s) || s == 503, a -> ReadyState.parse(a.text()))
                .map(state -> state.ready() ? GateResult.PASSED
                        : GateResult.failed("gateway " + g.name() + " is " + state.state()))
                .onFailure().recoverWithItem(e -> UpstreamRefused.isBusy(e)
                        ? GateResult.busy("the facade was too busy to read gateway " + g.name() + "'s /ready: "
                                + e.getMessage())
                        : GateResult.failed("gateway " + g.name() + " did not answer /ready: " + e.getMessage())))
                .map(results -> verdict(cluster, results));
    }

    /** A gateway's failure decides; else a read the facade was too busy for leaves it undecided. */
    private static GateResult verdict(Cluster cluster, List<GateResult> perGateway) {
        GateResult worst = GateResult.PASSED;
        for (GateResult r : perGateway) {
            if (!r.passed() && !r.busy()) {
                return GateResult.failed("cluster " + cluster.name() + ": " + r.failure());
            }
            if (r.busy() && worst.passed()) {
                worst = GateResult.busy("cluster " + cluster.name() + ": " + r.failure());
            }
        }
        return worst;
    }

    /**
     * One sample of the counters the gate judges by (rejected updates, and with {@code metrics} the requests of
     * virtual hosts, upstream clusters and listeners), per gateway; with {@code histograms} also the request-time
     * histograms. Both through the gate's lane of each gateway's bulkhead.
     */
    public Uni<GateSample> sample(Cluster cluster, boolean metrics, boolean histograms) {
        String filter = metrics ? "(" + RejectedUpdates.FILTER + ")|(" + ChangeMetrics.FILTER + ")"
                : RejectedUpdates.FILTER;
        return eachGateway(cluster, g -> {
            Uni<Map<String, Long>> counters = envoy.get(cluster, g, "/stats", Map.of("format", "json", "filter",
                    filter), CallOptions.GATE_READ, EnvoyAdmin.OK, a -> StatsParser.parseJson(a.text()).values());
            Uni<Map<String, TreeMap<Double, Long>>> latency = histograms
                    ? envoy.get(cluster, g, "/stats/prometheus", Map.of("filter", LatencyHistograms.FILTER),
                            CallOptions.GATE_READ, EnvoyAdmin.OK, a -> LatencyHistograms.parse(a.text()))
                    : Uni.createFrom().item(Map.of());
            return Uni.combine().all().unis(counters, latency).asTuple()
                    .map(t -> Map.entry(g.name(), Map.entry(t.getItem1(), t.getItem2())));
        }).map(entries -> {
            Map<String, Map<String, Long>> counters = new TreeMap<>();
            Map<String, Map<String, TreeMap<Double, Long>>> latency = new TreeMap<>();
            entries.forEach(e -> {
                counters.put(e.getKey(), e.getValue().getKey());
                latency.put(e.getKey(), e.getValue().getValue());
            });
            return new GateSample(java.time.Instant.now(), counters, latency);
        });
    }

    /**
     * Per gateway, the xDS versions of the sections the rollout touches, as {@code RDS=v1 ECDS=v7} (every
     * {@code version_info} of the section's resources, sorted and joined). A section the gateway's dump lacks (no
     * Wasm plugin yet: Envoy answers 404) has the empty version.
     */
    public Uni<Map<String, String>> xdsVersions(Cluster cluster, Set<XdsSection> sections) {
        return discovery.gateways(cluster).flatMap(found -> {
            List<Gateway> gateways = found.gateways();
            if (gateways.isEmpty()) {
                return Uni.createFrom().item(Map.<String, String>of());
            }
            List<Uni<Map.Entry<String, String>>> calls = new ArrayList<>();
            for (Gateway g : gateways) {
                List<Uni<String>> perSection = new ArrayList<>();
                for (XdsSection section : sections) {
                    Map<String, String> params = section == XdsSection.LDS ? Map.of("resource", section.resource)
                            : Map.of("resource", section.resource, "mask", "version_info");
                    perSection.add(envoy.get(cluster, g, "/config_dump", params, CallOptions.GATE_SLOW_READ,
                            s -> EnvoyAdmin.OK.test(s) || s == 404,
                            a -> section.name() + "=" + (a.status() == 404 ? "" : versions(a.body().getBytes()))));
                }
                calls.add(Uni.join().all(perSection).andFailFast()
                        .map(parts -> Map.entry(g.name(), String.join(" ", parts))));
            }
            return Uni.join().all(calls).andFailFast().map(entries -> {
                Map<String, String> out = new TreeMap<>();
                entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                return out;
            });
        });
    }

    /**
     * Converged: every gateway's versions of the touched sections moved past the ones seen before the apply, and
     * the cluster's gateways agree on them (each serves the same push). Proves the controller pushed each touched
     * section after the write and every gateway took it; a push for another reason passes too.
     */
    public Uni<GateResult> converged(Cluster cluster, Map<String, String> before, Set<XdsSection> sections) {
        return xdsVersions(cluster, sections).map(now -> {
            if (now.isEmpty()) {
                return GateResult.failed("cluster " + cluster.name() + ": not converged: no gateway");
            }
            List<String> stale = new ArrayList<>();
            now.forEach((gw, versions) -> {
                Map<String, String> was = XdsVersionsText.parse(before.get(gw));
                XdsVersionsText.parse(versions).forEach((section, version) -> {
                    if (was.containsKey(section) && was.get(section).equals(version)) {
                        stale.add(gw + " (" + section + " still " + (version.isEmpty() ? "absent" : version) + ")");
                    }
                });
            });
            if (!stale.isEmpty()) {
                return GateResult.failed("cluster " + cluster.name() + ": not converged, still at the configuration "
                        + "seen before the apply: " + String.join(", ", stale));
            }
            if (new java.util.HashSet<>(now.values()).size() > 1) {
                List<String> each = new ArrayList<>();
                now.forEach((gw, versions) -> each.add(gw + " at " + versions));
                return GateResult.failed("cluster " + cluster.name() + ": not converged, the gateways serve "
                        + "different versions: " + String.join(", ", each));
            }
            return GateResult.PASSED;
        });
    }

    private <T> Uni<List<T>> eachGateway(Cluster cluster, java.util.function.Function<Gateway, Uni<T>> call) {
        return discovery.gateways(cluster).flatMap(found -> {
            if (found.gateways().isEmpty()) {
                return Uni.createFrom().failure(new IllegalStateException("no gateway discovered in cluster "
                        + cluster.name()));
            }
            return Uni.join().all(found.gateways().stream().map(call).toList()).andFailFast();
        });
    }

    private static String versions(byte[] dump) {
        try {
            JsonNode root = JSON.readTree(dump);
            return String.join(",", new TreeSet<>(root.findValuesAsText("version_info")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
