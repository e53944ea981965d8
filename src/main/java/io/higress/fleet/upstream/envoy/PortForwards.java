package io.higress.fleet.upstream.envoy;

import io.fabric8.kubernetes.client.LocalPortForward;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.upstream.kube.KubeClients;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Higress binds the Envoy admin to 127.0.0.1 in the pod, so the facade reaches it the way istioctl and Kiali do: a
 * Kubernetes port-forward (RBAC pods/portforward). One local forward per gateway is kept open and reused; each TCP
 * connection through it opens a stream to the API server. A forward that died is replaced on the next call.
 */
@ApplicationScoped
public class PortForwards {

    private final KubeClients clients;
    private final ConcurrentHashMap<String, LocalPortForward> forwards = new ConcurrentHashMap<>();

    public PortForwards(KubeClients clients) {
        this.clients = clients;
    }

    public Uni<AdminAddress> address(Cluster cluster, Gateway gateway) {
        String key = cluster.name() + "/" + gateway.name();
        LocalPortForward existing = forwards.get(key);
        if (existing != null && existing.isAlive()) {
            return Uni.createFrom().item(local(existing));
        }
        // Opening binds a local socket through fabric8's blocking API: keep it off the event loop.
        return Uni.createFrom().item(() -> forwards.compute(key, (k, current) -> {
            if (current != null && current.isAlive()) {
                return current;
            }
            closeQuietly(current);
            return clients.client(cluster).pods().inNamespace(gateway.namespace()).withName(gateway.name())
                    .portForward(cluster.config().gateways().adminPort(), InetAddress.getLoopbackAddress(), 0);
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).map(PortForwards::local);
    }

    /** Called after a failed call: the next one opens a fresh forward. */
    public void discard(Cluster cluster, Gateway gateway) {
        closeQuietly(forwards.remove(cluster.name() + "/" + gateway.name()));
    }

    private static AdminAddress local(LocalPortForward pf) {
        return new AdminAddress(false, "127.0.0.1", pf.getLocalPort(), "");
    }

    private static void closeQuietly(LocalPortForward pf) {
        if (pf != null) {
            try {
                pf.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @PreDestroy
    void close() {
        forwards.values().forEach(PortForwards::closeQuietly);
    }
}
