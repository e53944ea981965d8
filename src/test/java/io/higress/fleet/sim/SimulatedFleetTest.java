package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.higress.fleet.cluster.FleetConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedFleetTest {

    @TempDir
    static Path workDir;
    private static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        fleet = SimulatedFleet.builder().clusters("dev", "prod", "edge").gatewaysPerCluster(2)
                .labels("prod", Map.of("env", "prod", "topology.kubernetes.io/region", "eu-west"))
                .withoutKubernetes("edge").workDir(workDir).start();
    }

    @AfterAll
    static void stop() {
        fleet.stop();
    }

    @Test
    void apiServersHoldReadyGatewayPods() {
        List<Pod> pods = fleet.client("dev").pods().inNamespace("higress-system")
                .withLabel("app", "higress-gateway").list().getItems();
        assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("dev-gw-1", "dev-gw-2");
        assertThat(pods).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getLabels()).containsEntry("higress", "higress-system-higress-gateway");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
            assertThat(pod.getStatus().getConditions())
                    .anySatisfy(c -> assertThat(c).extracting("type", "status").containsExactly("Ready", "True"));
        });
    }

    @Test
    void kubeconfigReachesTheClustersApiServer() throws Exception {
        String file = fleet.properties().get("fleet.clusters.prod.kubernetes.kubeconfig");
        Config config = Config.fromKubeconfig("prod", Files.readString(Path.of(file)), file);
        assertThat(config.getMasterUrl()).startsWith("http://localhost:");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(client.pods().inNamespace("higress-system").withLabel("app", "higress-gateway").list()
                    .getItems()).hasSize(2).allSatisfy(p -> assertThat(p.getMetadata().getName()).startsWith("prod-gw-"));
        }
    }

    @Test
    void propertiesPointAtEachGatewaysSimulator() {
        Map<String, String> props = fleet.properties();
        assertThat(props).containsEntry("fleet.clusters.dev.labels.env", "dev")
                .containsEntry("fleet.clusters.dev.kubernetes.context", "dev")
                .containsEntry("fleet.clusters.dev.gateways.admin-mode", "direct")
                .containsEntry("fleet.clusters.prod.labels.\"topology.kubernetes.io/region\"", "eu-west")
                .containsEntry("fleet.clusters.edge.gateways.direct.edge-gw-2", fleet.gateway("edge", "edge-gw-2").adminUrl())
                .doesNotContainKey("fleet.clusters.edge.kubernetes.kubeconfig");
        String ready = AdminClient.get(props.get("fleet.clusters.dev.gateways.direct.dev-gw-1") + "/ready").body();
        assertThat(ready).isEqualTo("LIVE\n");
        assertThat(fleet.gateway("dev", "dev-gw-1").requestCount("/ready")).isEqualTo(1);
    }

    @Test
    void fleetYamlSaysTheSameAsTheProperties() throws Exception {
        YamlConfigSource yaml = new YamlConfigSource(fleet.fleetYaml().toUri().toURL());
        assertThat(yaml.getProperties()).containsAllEntriesOf(fleet.properties());
    }

    @Test
    void propertiesBindToTheFacadesConfigMapping() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(FleetConfig.class)
                .withMapping(io.higress.fleet.security.SecurityConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "10s" syntax
                .withSources(new PropertiesConfigSource(fleet.properties(), "sim", 100)).build();
        FleetConfig fleetConfig = config.getConfigMapping(FleetConfig.class);
        assertThat(fleetConfig.clusters()).containsOnlyKeys("dev", "prod", "edge");
        assertThat(fleetConfig.clusters().get("prod").labels()).containsEntry("topology.kubernetes.io/region", "eu-west");
        assertThat(fleetConfig.clusters().get("edge").kubernetes()).isEmpty();
        assertThat(fleetConfig.clusters().get("dev").gateways().direct()).containsOnlyKeys("dev-gw-1", "dev-gw-2");
    }

    @Test
    void clustersWithoutKubernetesHaveNoApiServer() {
        assertThat(fleet.hasKubernetes("edge")).isFalse();
        assertThatThrownBy(() -> fleet.client("edge")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stoppedApiServerRefusesConnections() {
        try (SimulatedFleet small = SimulatedFleet.builder().clusters("lab").gatewaysPerCluster(1).start()) {
            String file = small.properties().get("fleet.clusters.lab.kubernetes.kubeconfig");
            Config config = Config.fromKubeconfig(null, read(file), file);
            config.setRequestRetryBackoffLimit(0);
            small.stopKubernetes("lab");
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThatThrownBy(() -> client.pods().inNamespace("higress-system").list())
                        .isInstanceOf(KubernetesClientException.class);
            }
            assertThat(AdminClient.get(small.gateway("lab", "lab-gw-1").adminUrl() + "/ready").statusCode())
                    .isEqualTo(200);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
