package io.higress.fleet.upstream.kube;

import io.higress.fleet.cluster.StartupOrder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.higress.fleet.cluster.AccessConfigs;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig.KubernetesAccess;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.cluster.GuardPolicy;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fabric8 client per cluster, built on first use from the cluster's kubeconfig, master URL + token, or the
 * in-cluster service account. The client's own retries are off (the upstream guard retries) and its request
 * timeout follows the guard's deadline, so a stuck call frees its worker thread.
 * <p>
 * Transport: the JDK HTTP client, not the Vert.x one Quarkus would pick. fabric8 deserialises an answer in a
 * callback of the response future ({@code OperationSupport.handleResponse}), on the thread that completes it: with
 * Vert.x that is one of the event loops serving the facade's own requests, which then parse whole pod lists (and
 * pay Jackson's first-use class loading, seconds at start-up). The JDK client completes on its executor's daemon
 * threads, so the blocking DSL call waits on a worker while another worker parses — no event loop is involved.
 * <p>
 * All clients share one {@link KubernetesSerialization}, warmed at start-up on a worker: building Jackson's
 * deserialisers for the pod model (class loading, introspection) is paid once, and before the first call, instead of
 * once per cluster inside the first listing's deadline.
 */
@ApplicationScoped
public class KubeClients {

    private static final HttpClient.Factory TRANSPORT = new JdkHttpClientFactory();

    private final UpstreamGuards guards;
    private final ConcurrentHashMap<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> servers = new ConcurrentHashMap<>();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Uni<Void> warm = Uni.createFrom().item(() -> serialization.unmarshal(
                    "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[]}", PodList.class))
            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
            .replaceWithVoid().onFailure().recoverWithNull()
            .memoize().indefinitely();

    public KubeClients(UpstreamGuards guards) {
        this.guards = guards;
    }

    /** On the main thread: reading kubeconfigs and building clients blocks, which no event loop may do later. */
    void warmUp(@Observes @Priority(StartupOrder.CLIENTS) StartupEvent event, ClusterRegistry registry) {
        warm.subscribe().with(x -> { });
        registry.all().stream().filter(Cluster::hasKubernetes).forEach(this::serverUrl);
    }

    /** Completes once the shared deserialisers are built (at once after start-up). */
    public Uni<Void> warmedUp() {
        return warm;
    }

    public KubernetesClient client(Cluster cluster) {
        return clients.computeIfAbsent(cluster.name(), n -> create(cluster));
    }

    /**
     * The API server URL the client talks to (from the kubeconfig, the master URL or in-cluster discovery), for
     * display; never credentials. A kubeconfig that cannot be read falls back to a description of the setting.
     */
    public String serverUrl(Cluster cluster) {
        // remembered, failures included: GET /api/v1/clusters asks on an event loop
        return servers.computeIfAbsent(cluster.name(), n -> {
            try {
                return client(cluster).getMasterUrl().toString();
            } catch (RuntimeException e) {
                return cluster.kubernetesServer().orElse("unknown");
            }
        });
    }

    private KubernetesClient create(Cluster cluster) {
        KubernetesAccess access = cluster.config().kubernetes().orElseThrow(() -> new ProblemException(
                Problem.of(ProblemType.INVALID_REQUEST, "cluster '" + cluster.name()
                        + "' has no Kubernetes access configured").withTarget(cluster.name(), null)
                        .withHint("add fleet.clusters." + cluster.name() + ".kubernetes to the fleet file")));
        GuardPolicy policy = guards.policy(UpstreamRef.kubernetes(cluster.name()));
        Config base = AccessConfigs.of(access, cluster.credentials());
        Config config = new ConfigBuilder(base)
                .withRequestTimeout((int) policy.timeout().toMillis())
                .withConnectionTimeout((int) Math.min(policy.timeout().toMillis(), 5_000))
                .withRequestRetryBackoffLimit(0)
                // over plain HTTP (kubectl proxy, test servers) the JDK client's h2c upgrade hung against some
                // servers; TLS API servers still negotiate HTTP/2 by ALPN
                .withHttp2Disable(base.isHttp2Disable() || base.getMasterUrl().startsWith("http:"))
                .withTrustCerts(base.isTrustCerts() || access.trustCerts())
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(TRANSPORT)
                .withKubernetesSerialization(serialization).build();
    }

    /**
     * A changed or removed cluster's client is closed; an added one's built now, off the event loops. First among
     * the observers: the others (discovery's informer) use the new client.
     */
    void changed(@Observes @Priority(ClusterChange.CLIENTS) ClusterChange change) {
        KubernetesClient old = clients.remove(change.name());
        servers.remove(change.name());
        if (old != null) {
            old.close();
        }
        if (change.current() != null && change.current().hasKubernetes()) {
            serverUrl(change.current()); // builds the client; a failure is remembered as the described setting
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
