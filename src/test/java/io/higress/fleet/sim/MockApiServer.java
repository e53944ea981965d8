package io.higress.fleet.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * One simulated cluster's Kubernetes API: a fabric8 mock server in CRUD mode holding the Higress gateway pods, and
 * a kubeconfig file pointing at it. Plain HTTP on localhost with a dummy token: the facade's client only needs to
 * reach it, not to authenticate. Built like quarkus-test-kubernetes-client's {@code KubernetesServer} (CRUD
 * dispatcher, expectations first), behind {@link ApiServerExtras} (discovery and tokens, for kubectl) and a
 * {@link FaultyApiDispatcher} for injected faults.
 */
final class MockApiServer {

    static final Map<String, String> GATEWAY_LABELS = Map.of("app", "higress-gateway",
            "higress", "higress-system-higress-gateway");

    /**
     * The Higress CRDs (as in the real CRD file) Istio's EnvoyFilter (AI route fallbacks) and the Gateway API's Gateway, HTTPRoute and GRPCRoute: the CRUD mock must
     * know their kinds and plurals to store, list and
     * label-select custom resources.
     */
    static final List<CustomResourceDefinitionContext> HIGRESS_CRDS = List.of(
            crd("extensions.higress.io", "v1alpha1", "WasmPlugin", "wasmplugins"),
            crd("networking.higress.io", "v1", "McpBridge", "mcpbridges"),
            crd("networking.higress.io", "v1", "Http2Rpc", "http2rpcs"),
            crd("networking.istio.io", "v1alpha3", "EnvoyFilter", "envoyfilters"),
            crd("gateway.networking.k8s.io", "v1", "Gateway", "gateways"),
            crd("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes"),
            crd("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes"));

    private final String cluster;
    private final KubernetesMockServer server;
    private final FaultyApiDispatcher dispatcher;
    private final ApiServerExtras extras;
    private NamespacedKubernetesClient client;
    private volatile boolean running;

    MockApiServer(String cluster) {
        this.cluster = cluster;
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        this.extras = new ApiServerExtras(new KubernetesMixedDispatcher(expectations, HIGRESS_CRDS));
        this.dispatcher = new FaultyApiDispatcher(extras);
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
    }

    MockApiServer start() {
        server.init(localhost(), 0);
        // The JDK transport, as the facade's: fabric8's Vert.x one parses answers on an event loop, and the
        // build fails on the blocked-thread warnings that causes on a busy machine.
        client = server.createClient(new JdkHttpClientFactory());
        running = true;
        return this;
    }

    KubernetesMockServer server() {
        return server;
    }

    NamespacedKubernetesClient client() {
        return client;
    }

    FaultyApiDispatcher faults() {
        return dispatcher;
    }

    /** Discovery and service account tokens, which the CRUD mock lacks. */
    ApiServerExtras extras() {
        return extras;
    }

    int port() {
        return server.getPort();
    }

    String url() {
        return "http://localhost:" + server.getPort();
    }

    /** Creates a running, ready gateway pod whose IP is the loopback, where its admin simulator listens. */
    void addGatewayPod(String name) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(EnvoyIdentity.NAMESPACE)
                .withLabels(GATEWAY_LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("higress-gateway")
                .withImage("higress-registry.cn-hangzhou.cr.aliyuncs.com/higress/gateway:2.1.9")
                .addNewPort().withName("http-envoy-prom").withContainerPort(15090).endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").withHostIP("127.0.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").endCondition()
                .endStatus()
                .build();
        client().pods().inNamespace(EnvoyIdentity.NAMESPACE).resource(pod).create();
    }

    /** Writes a kubeconfig whose only context, named after the cluster, points at this server. */
    Path writeKubeconfig(Path dir) {
        return writeKubeconfig(dir, url());
    }

    /** The same, pointing at another URL in front of this server (a proxy). */
    Path writeKubeconfig(Path dir, String serverUrl) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                    namespace: %3$s
                current-context: %1$s
                users:
                - name: %1$s-admin
                  user:
                    token: simulated-token-%1$s
                """.formatted(cluster, serverUrl, EnvoyIdentity.NAMESPACE);
        Path file = dir.resolve(cluster + ".kubeconfig");
        try {
            Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toAbsolutePath();
    }

    /** Shuts the server down: its port refuses connections from now on, like an API server outage. */
    void stop() {
        if (running) {
            running = false;
            client.close();
            server.destroy();
        }
    }

    boolean running() {
        return running;
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withScope("Namespaced").build();
    }

    private static InetAddress localhost() {
        try {
            return InetAddress.getByName("localhost"); // the address the kubeconfig's "localhost" resolves to
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
