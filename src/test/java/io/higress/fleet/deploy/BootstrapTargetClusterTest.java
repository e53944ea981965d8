package io.higress.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.higress.fleet.sim.ApiFault;
import io.higress.fleet.sim.SimulatedFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bootstrap-target-cluster with the real kubectl against fabric8 mock API servers (CRUD mode): the RBAC applied,
 * a service account token issued, a kubeconfig written that reaches the cluster with it; run again, the token is
 * replaced. kubectl must be on the PATH (.ci/run installs it), like promtool: this test never skips.
 */
class BootstrapTargetClusterTest {

    static SimulatedFleet fleet;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        fleet = SimulatedFleet.builder().clusters("dev", "prod").gatewaysPerCluster(1).start();
    }

    @AfterAll
    static void stop() {
        fleet.stop();
    }

    record Run(int exit, String output) {
    }

    static Run bootstrap(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bin/bootstrap-target-cluster", "--kubeconfig",
                fleet.kubeconfig().toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "bootstrap", ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECACHEDIR", dir.resolve("kube-cache").toString()); // not the user's cache
        builder.environment().remove("KUBECONFIG");
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bootstrap-target-cluster did not end: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    static KubernetesClient clientOf(Path kubeconfig, String context) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(context,
                Files.readString(kubeconfig), kubeconfig.toString())).build();
    }

    @Test
    void appliesTheRbacAndWritesAKubeconfigWithAServiceAccountTokenPerContextReplacedWhenRunAgain()
            throws Exception {
        Path out = dir.resolve("fleet/targets.kubeconfig");
        Run dev = bootstrap("--context", "dev", "--out", out.toString());
        assertThat(dev.exit()).as(dev.output()).isZero();
        assertThat(dev.output()).contains("dev-gw-1", "Next: bin/fleet-init --kubeconfig " + out);
        Run prod = bootstrap("--context", "prod", "--out", out.toString(), "--duration", "48h");
        assertThat(prod.exit()).as(prod.output()).isZero();

        // the manifest's objects, as they are in the file, in each cluster
        Role shipped = DeployManifestsTest.load("target-cluster-rbac.yaml").stream()
                .filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        for (String cluster : List.of("dev", "prod")) {
            var client = fleet.client(cluster);
            assertThat(client.serviceAccounts().inNamespace("higress-system").withName("higress-fleet").get())
                    .as(cluster).isNotNull();
            assertThat(client.rbac().roles().inNamespace("higress-system").withName("higress-fleet").get()
                    .getRules()).as(cluster).isEqualTo(shipped.getRules());
            assertThat(client.rbac().roleBindings().inNamespace("higress-system").withName("higress-fleet").get())
                    .as(cluster).isNotNull();
            assertThat(fleet.serviceAccountTokens(cluster, "higress-system", "higress-fleet")).as(cluster)
                    .hasSize(1);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        String devToken = fleet.serviceAccountTokens("dev", "higress-system", "higress-fleet").get(0);
        try (KubernetesClient client = clientOf(out, "dev")) {
            assertThat(client.getConfiguration().getAutoOAuthToken()).isEqualTo(devToken);
            assertThat(client.getConfiguration().getMasterUrl()).startsWith(fleet.kubernetesUrl("dev"));
            assertThat(client.getConfiguration().getNamespace()).isEqualTo("higress-system");
            assertThat(client.pods().inNamespace("higress-system").list().getItems()).extracting(
                    p -> p.getMetadata().getName()).containsExactly("dev-gw-1");
        }
        try (KubernetesClient client = clientOf(out, "prod")) {
            assertThat(client.getConfiguration().getAutoOAuthToken())
                    .isEqualTo(fleet.serviceAccountTokens("prod", "higress-system", "higress-fleet").get(0));
        }

        // rotation: run again, dev's context now holds the new token, prod's is kept
        Run again = bootstrap("--context", "dev", "--out", out.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        List<String> devTokens = fleet.serviceAccountTokens("dev", "higress-system", "higress-fleet");
        assertThat(devTokens).hasSize(2);
        try (KubernetesClient client = clientOf(out, "dev")) {
            assertThat(client.getConfiguration().getAutoOAuthToken()).isEqualTo(devTokens.get(1));
        }
        try (KubernetesClient client = clientOf(out, "prod")) {
            assertThat(client.getConfiguration().getAutoOAuthToken())
                    .isEqualTo(fleet.serviceAccountTokens("prod", "higress-system", "higress-fleet").get(0));
        }
        assertThat(Files.readString(out)).doesNotContain("simulated-token-"); // the admin's own token stays out
    }

    @Test
    void aRefusedTokenOrAnUnknownContextStopsWithoutWritingAnything() throws Exception {
        Path out = dir.resolve("refused/targets.kubeconfig");
        fleet.setKubernetesFault("prod", new ApiFault("POST", "/api/v1/namespaces/higress-system/serviceaccounts",
                403, 0, false));
        try {
            Run refused = bootstrap("--context", "prod", "--out", out.toString());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("403");
        } finally {
            fleet.setKubernetesFault("prod", ApiFault.NONE);
        }
        assertThat(out).doesNotExist();

        Run unknown = bootstrap("--context", "stage", "--out", out.toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("no context 'stage'");
        assertThat(out).doesNotExist();
    }
}
