package io.higress.fleet.discovery;

import io.higress.fleet.cluster.StartupOrder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.cluster.LabelSelector;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamProblems;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.kube.KubeClients;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Finds each cluster's gateways: the pods in its namespace matching its selector, watched by one fabric8
 * {@link SharedIndexInformer} per cluster (a pod added or removed is seen as soon as its event arrives); or, without
 * Kubernetes access, the configured direct list. A lost watch is reconnected by the informer with exponential
 * backoff; meanwhile the last list is served with an error saying why it may be stale (the cluster is
 * {@code degraded}). Each gateway found gets its guard on the informer's thread (never an event loop), before any
 * call is made to it, and a gateway gone loses its guard and meters.
 */
@ApplicationScoped
public class GatewayDiscovery {
    private static final Logger LOG = Logger.getLogger(GatewayDiscovery.class);

    private final ClusterRegistry registry;
    private final KubeClients kube;
    private final UpstreamGuards guards;
    private final Duration resync;
    private final Map<String, PodWatch> watches = new ConcurrentHashMap<>();
    private final Map<String, Problem> unwatchable = new ConcurrentHashMap<>();

    public GatewayDiscovery(ClusterRegistry registry, KubeClients kube, UpstreamGuards guards, FleetConfig config) {
        this.registry = registry;
        this.kube = kube;
        this.guards = guards;
        this.resync = config.discovery().refresh();
    }

    /** On the main thread: building a client reads its kubeconfig. The informers start without being waited for. */
    void warmUp(@Observes @Priority(StartupOrder.DISCOVERY) StartupEvent event) {
        registry.all().stream().filter(Cluster::hasKubernetes).forEach(this::watch);
    }

    /**
     * On the registry's (a watch's) thread, before the cluster's client is closed (observers run by priority): the
     * old informer stops and its gateways' guards go.
     */
    void stopWatching(@Observes @Priority(ClusterChange.CLIENTS - 1) ClusterChange change) {
        PodWatch old = watches.remove(change.name());
        unwatchable.remove(change.name());
        if (old != null) {
            old.informer.stop();
        }
        guards.retainGateways(change.name(), Set.of());
    }

    /** After the new client and guards exist: the new informer starts. */
    void startWatching(@Observes ClusterChange change) {
        if (change.current() != null && change.current().hasKubernetes()) {
            watch(change.current());
        }
    }

    private void watch(Cluster cluster) {
        try {
            PodWatch w = new PodWatch(cluster);
            watches.put(cluster.name(), w);
            w.start();
        } catch (RuntimeException e) { // no client (an unreadable kubeconfig): said by every read of the cluster
            unwatchable.put(cluster.name(), UpstreamProblems.toProblem(e, UpstreamRef.kubernetes(cluster.name())));
        }
    }

    /** The cluster's gateways; before its first listing ended, waits for it (bounded by the Kubernetes timeout). */
    public Uni<ClusterGateways> gateways(Cluster cluster) {
        if (!cluster.hasKubernetes()) {
            return Uni.createFrom().item(staticGateways(cluster));
        }
        PodWatch w = watches.get(cluster.name());
        if (w == null) {
            return Uni.createFrom().item(notWatched(cluster));
        }
        Optional<ClusterGateways> now = w.now();
        if (now.isPresent()) {
            return Uni.createFrom().item(now.get());
        }
        Duration timeout = guards.policy(UpstreamRef.kubernetes(cluster.name())).timeout();
        return Uni.createFrom().completionStage(w.first)
                .ifNoItem().after(timeout).recoverWithItem(() -> w.now().orElseGet(() -> new ClusterGateways(
                        List.of(), Instant.now(), Problem.of(ProblemType.UPSTREAM_TIMEOUT, UpstreamRef.kubernetes(
                                cluster.name()).id() + ": the gateway pods were not listed within "
                                + timeout.toMillis() + " ms").withTarget(cluster.name(), null))))
                .map(first -> w.now().orElse(first));
    }

    /** What is known now, without waiting (health checks): empty before the first listing ended. */
    public Optional<ClusterGateways> known(Cluster cluster) {
        if (!cluster.hasKubernetes()) {
            return Optional.of(staticGateways(cluster));
        }
        PodWatch w = watches.get(cluster.name());
        return w == null ? Optional.of(notWatched(cluster)) : w.now();
    }

    private ClusterGateways notWatched(Cluster cluster) {
        Problem why = unwatchable.get(cluster.name());
        return new ClusterGateways(List.of(), Instant.now(), why != null ? why : Problem.of(
                ProblemType.UPSTREAM_UNREACHABLE, UpstreamRef.kubernetes(cluster.name()).id()
                        + ": its gateway pods are not watched yet (the cluster changed a moment ago)")
                .withTarget(cluster.name(), null));
    }

    /** One cluster's informer and the gateway list built from its store after each event. */
    private final class PodWatch {
        final Cluster cluster;
        final SharedIndexInformer<Pod> informer;
        final CompletableFuture<ClusterGateways> first = new CompletableFuture<>();
        volatile ClusterGateways listed;
        volatile Problem lastFailure;

        PodWatch(Cluster cluster) {
            this.cluster = cluster;
            FleetConfig.Gateways gw = cluster.config().gateways();
            Map<String, String> selector = LabelSelector.parse(gw.selector()).equalityMap();
            this.informer = kube.client(cluster).pods().inNamespace(gw.namespace()).withLabels(selector)
                    .runnableInformer(Math.max(1_000, resync.toMillis())); // fabric8's smallest resync
            informer.exceptionHandler((started, t) -> {
                lastFailure = UpstreamProblems.toProblem(t, UpstreamRef.kubernetes(cluster.name()));
                LOG.debugf("Gateway watch of cluster %s failed (retried with backoff): %s", cluster.name(),
                        lastFailure.detail());
                if (listed == null) {
                    first.complete(new ClusterGateways(List.of(), Instant.now(), lastFailure));
                }
                return true; // keep trying: the informer backs off exponentially
            });
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    rebuild();
                }

                @Override
                public void onUpdate(Pod old, Pod pod) {
                    rebuild();
                }

                @Override
                public void onDelete(Pod pod, boolean finalStateUnknown) {
                    rebuild();
                }

                @Override
                public void onNothing() {
                    rebuild(); // the first listing found no pod
                }
            });
        }

        void start() {
            informer.start().whenComplete((v, t) -> {
                if (t == null) {
                    rebuild();
                }
            });
        }

        /** The list as last built; with an error while the watch is down (the list may be stale then). */
        Optional<ClusterGateways> now() {
            ClusterGateways l = listed;
            if (l == null) {
                return first.isDone() ? Optional.of(first.getNow(null)) : Optional.empty();
            }
            if (!informer.isWatching()) {
                Problem why = lastFailure != null ? lastFailure : Problem.of(ProblemType.UPSTREAM_UNREACHABLE,
                        UpstreamRef.kubernetes(cluster.name()).id() + ": the watch of its gateway pods is lost")
                        .withTarget(cluster.name(), null);
                return Optional.of(new ClusterGateways(l.gateways(), l.listedAt(), why.withDetail(why.detail()
                        + " (watch reconnecting; the gateways listed at " + l.listedAt() + " are kept)")));
            }
            return Optional.of(l);
        }

        private synchronized void rebuild() {
            if (!informer.hasSynced()) {
                return;
            }
            List<Gateway> gateways = new ArrayList<>();
            for (Pod pod : informer.getStore().list()) {
                Gateway gateway = fromPod(cluster, pod);
                guards.guardFor(UpstreamRef.envoyAdmin(cluster.name(), gateway.name()));
                gateways.add(gateway);
            }
            gateways.sort(Comparator.comparing(Gateway::name));
            guards.retainGateways(cluster.name(), gateways.stream().map(Gateway::name).collect(Collectors.toSet()));
            ClusterGateways result = new ClusterGateways(List.copyOf(gateways), Instant.now(), null);
            listed = result;
            lastFailure = null;
            first.complete(result);
        }
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

    @PreDestroy
    void stop() {
        watches.values().forEach(w -> w.informer.stop());
    }
}
