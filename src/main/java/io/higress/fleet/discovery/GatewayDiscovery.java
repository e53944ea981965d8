package io.higress.fleet.discovery;

import io.fabric8.kubernetes.api.model.Pod;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.cluster.LabelSelector;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.kube.KubeCalls;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds each cluster's gateways: the pods in its namespace matching its selector, listed through the Kubernetes
 * guard and cached for {@code fleet.discovery.refresh}; or, without Kubernetes access, the configured direct list.
 * A stale list is served while a new one is fetched, and concurrent refreshes of one cluster share one call.
 * Each gateway found gets its guard here, on the worker thread that listed it, before any call is made to it.
 */
@ApplicationScoped
public class GatewayDiscovery {

    private final ClusterRegistry registry;
    private final KubeCalls kube;
    private final UpstreamGuards guards;
    private final Duration refresh;
    private final Map<String, ClusterGateways> cache = new ConcurrentHashMap<>();
    private final Map<String, Uni<ClusterGateways>> inFlight = new ConcurrentHashMap<>();

    public GatewayDiscovery(ClusterRegistry registry, KubeCalls kube, UpstreamGuards guards, FleetConfig config) {
        this.registry = registry;
        this.kube = kube;
        this.guards = guards;
        this.refresh = config.discovery().refresh();
    }

    void warmUp(@Observes StartupEvent event) {
        registry.all().forEach(c -> gateways(c).subscribe().with(g -> { }, e -> { }));
    }

    void changed(@Observes ClusterChange change) {
        cache.remove(change.name());
    }

    public Uni<ClusterGateways> gateways(Cluster cluster) {
        return known(cluster).map(found -> Uni.createFrom().item(found)).orElseGet(() -> refresh(cluster));
    }

    /**
     * What is known now, without waiting (health checks): the cached list, or empty before the first listing
     * ended. A listing is started in the background when the list is missing or older than the refresh interval.
     */
    public Optional<ClusterGateways> known(Cluster cluster) {
        if (!cluster.hasKubernetes()) {
            return Optional.of(staticGateways(cluster));
        }
        ClusterGateways cached = cache.get(cluster.name());
        if (cached == null || cached.listedAt().plus(refresh).isBefore(Instant.now())) {
            refresh(cluster).subscribe().with(g -> { }, e -> { });
        }
        return Optional.ofNullable(cached);
    }

    /** Lists the pods now (coalesced with any listing already running for this cluster). */
    public Uni<ClusterGateways> refresh(Cluster cluster) {
        return inFlight.computeIfAbsent(cluster.name(), name -> list(cluster)
                .onTermination().invoke(() -> inFlight.remove(name))
                .memoize().indefinitely());
    }

    private Uni<ClusterGateways> list(Cluster cluster) {
        FleetConfig.Gateways gw = cluster.config().gateways();
        Map<String, String> selector = LabelSelector.parse(gw.selector()).equalityMap();
        return kube.call(cluster, CallOptions.READ, client -> client.pods().inNamespace(gw.namespace())
                        .withLabels(selector).list().getItems())
                .map(pods -> {
                    List<Gateway> gateways = new ArrayList<>();
                    for (Pod pod : pods) {
                        Gateway gateway = fromPod(cluster, pod);
                        guards.guardFor(UpstreamRef.envoyAdmin(cluster.name(), gateway.name()));
                        gateways.add(gateway);
                    }
                    gateways.sort(Comparator.comparing(Gateway::name));
                    guards.retainGateways(cluster.name(),
                            gateways.stream().map(Gateway::name).collect(Collectors.toSet()));
                    return new ClusterGateways(List.copyOf(gateways), Instant.now(), null);
                })
                .onFailure(ProblemException.class).recoverWithItem(e -> {
                    ClusterGateways previous = cache.get(cluster.name());
                    List<Gateway> kept = previous != null ? previous.gateways() : List.of();
                    return new ClusterGateways(kept, Instant.now(), ((ProblemException) e).problem());
                })
                .invoke(result -> cache.put(cluster.name(), result));
    }

    private static Gateway fromPod(Cluster cluster, Pod pod) {
        FleetConfig.Gateways gw = cluster.config().gateways();
        String name = pod.getMetadata().getName();
        String phase = pod.getStatus() != null ? pod.getStatus().getPhase() : null;
        String ip = pod.getStatus() != null ? pod.getStatus().getPodIP() : null;
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String url = null;
        if (cluster.directAdmin()) {
            url = gw.direct().get(name);
            if (url == null && ip != null) {
                url = "http://" + ip + ":" + gw.adminPort();
            }
        }
        return new Gateway(name, pod.getMetadata().getNamespace(), ready, phase, ip,
                cluster.directAdmin() ? "direct" : "port-forward", url);
    }

    private static ClusterGateways staticGateways(Cluster cluster) {
        List<Gateway> list = cluster.config().gateways().direct().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Gateway(e.getKey(), null, null, null, null, "direct", e.getValue()))
                .toList();
        return new ClusterGateways(list, Instant.now(), null);
    }
}
