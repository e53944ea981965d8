package io.higress.fleet.upstream.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Calls a cluster's API server through its guard. fabric8's DSL blocks, so each call runs on a worker thread,
 * never on the event loop.
 */
@ApplicationScoped
public class KubeCalls {

    private final KubeClients clients;
    private final UpstreamGuards guards;

    public KubeCalls(KubeClients clients, UpstreamGuards guards) {
        this.clients = clients;
        this.guards = guards;
    }

    /** The deadline starts once the shared deserialisers are built (start-up work is not the API server's time). */
    public <T> Uni<T> call(Cluster cluster, CallOptions options, Function<KubernetesClient, T> action) {
        return clients.warmedUp().chain(() -> guards.call(UpstreamRef.kubernetes(cluster.name()), options,
                () -> Uni.createFrom().item(() -> action.apply(clients.client(cluster)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }
}
