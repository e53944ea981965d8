package io.higress.fleet.upstream.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamGuardsTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fabric8 deserialises answers in a callback of the response future: that callback must not run on an event loop
 * (with the Vert.x transport it did, and the facade logged seconds-long blocked-thread warnings at start-up).
 */
class KubeCallsThreadTest {

    /** Records, for each instance Jackson creates, whether it was created on a Vert.x event loop. */
    @Group("probe.higress-fleet.io")
    @Version("v1")
    @Kind("ThreadProbe")
    @Plural("threadprobes")
    public static class ThreadProbe extends CustomResource<Map<String, Object>, Void> implements Namespaced {
        static final List<Boolean> ON_EVENT_LOOP = new CopyOnWriteArrayList<>();

        public ThreadProbe() {
            ON_EVENT_LOOP.add(io.vertx.core.Context.isOnEventLoopThread());
        }
    }

    private KubernetesServer server;
    private KubeClients clients;

    @BeforeEach
    void start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of(
                new CustomResourceDefinitionContext.Builder().withGroup("probe.higress-fleet.io").withVersion("v1")
                        .withKind("ThreadProbe").withPlural("threadprobes").withScope("Namespaced").build()));
        server.before();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.after();
    }

    @Test
    void answersAreDeserialisedOffTheEventLoops() {
        String url = "http://127.0.0.1:" + server.getKubernetesMockServer().getPort();
        FleetConfig config = UpstreamGuardsTest.config(Map.of(
                "fleet.clusters.dev.kubernetes.master-url", url,
                "fleet.upstreams.kubernetes.timeout", "10s"));
        UpstreamGuards guards = new UpstreamGuards(config, new SimpleMeterRegistry());
        Cluster dev = new Cluster("dev", Map.of(), config.clusters().get("dev"));
        clients = new KubeClients(guards);
        KubeCalls kube = new KubeCalls(clients, guards);

        ThreadProbe probe = new ThreadProbe();
        probe.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("default").build());
        ThreadProbe.ON_EVENT_LOOP.clear();

        kube.call(dev, CallOptions.WRITE, c -> c.resources(ThreadProbe.class).inNamespace("default").resource(probe)
                .create()).await().atMost(Duration.ofSeconds(30));
        List<ThreadProbe> listed = kube.call(dev, CallOptions.READ, c -> c.resources(ThreadProbe.class)
                .inNamespace("default").list().getItems()).await().atMost(Duration.ofSeconds(30));

        assertThat(listed).hasSize(1);
        assertThat(ThreadProbe.ON_EVENT_LOOP).as("one instance per answer read").hasSizeGreaterThanOrEqualTo(2)
                .containsOnly(false);
    }
}
