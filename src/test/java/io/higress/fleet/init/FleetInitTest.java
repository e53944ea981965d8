package io.higress.fleet.init;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.cluster.AdminMode;
import io.higress.fleet.cluster.FleetFileLoader;
import io.higress.fleet.security.HashTool;
import io.higress.fleet.security.SecurityConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/fleet-init on a kubeconfig of three contexts, as docs/deploy.md runs it. */
class FleetInitTest {

    @TempDir
    Path dir;
    Path kubeconfig;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void kubeconfigWithThreeContexts() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("kube/certs"));
        Files.writeString(certs.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nprod-ca\n-----END CERTIFICATE-----");
        Files.writeString(certs.resolve("client.key"), "prod-client-key");
        kubeconfig = Files.writeString(dir.resolve("kube/config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kind-dev
                  cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: ZGV2LWNh}
                - name: prod-eu
                  cluster: {server: "https://prod.example.com:6443", certificate-authority: certs/ca.crt}
                - name: eks
                  cluster: {server: "https://eks.example.com"}
                contexts:
                - name: kind-dev
                  context: {cluster: kind-dev, user: kind-dev}
                - name: prod-eu
                  context: {cluster: prod-eu, user: prod-admin, namespace: higress-system}
                - name: "arn:aws:eks:eu-west-1:123456789012:cluster/Stage_1"
                  context: {cluster: eks, user: eks}
                current-context: kind-dev
                users:
                - name: kind-dev
                  user: {token: dev-token-123}
                - name: prod-admin
                  user: {client-certificate-data: Y2VydA==, client-key: certs/client.key}
                - name: eks
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token]}
                """);
    }

    int run(String... args) {
        return FleetInit.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    String printedKey() {
        Matcher m = Pattern.compile("(?m)^\\s+(hf_[A-Za-z0-9_-]{43})$").matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        return m.group(1);
    }

    @Test
    void oneClusterPerContextWithItsCredentialsReferencedAndTheAdminKeyStoredAsItsDigestOnly() throws Exception {
        Path fleet = dir.resolve("fleet");
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString())).as(err.toString())
                .isZero();
        String key = printedKey();
        String secret = Files.readString(fleet.resolve("token-secret")).strip();
        assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);

        FleetFileLoader.Loaded loaded = FleetFileLoader.load(fleet.resolve("fleet.yaml"),
                Map.of("FLEET_TOKEN_SECRET", secret));
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.fleet().clusters()).containsOnlyKeys("kind-dev", "prod-eu",
                "arn-aws-eks-eu-west-1-123456789012-cluster-stage-1");
        var prod = loaded.fleet().clusters().get("prod-eu");
        assertThat(prod.labels()).containsExactlyEntriesOf(Map.of("env", "prod"));
        assertThat(loaded.fleet().clusters().get("kind-dev").labels()).containsExactlyEntriesOf(Map.of("env", "dev"));
        assertThat(loaded.fleet().clusters().get("arn-aws-eks-eu-west-1-123456789012-cluster-stage-1").labels())
                .containsExactlyEntriesOf(Map.of("env", "stage"));
        assertThat(prod.kubernetes().orElseThrow().kubeconfig()).contains(kubeconfig.toAbsolutePath().toString());
        assertThat(prod.kubernetes().orElseThrow().context()).contains("prod-eu");
        assertThat(prod.gateways().adminMode()).isEqualTo(AdminMode.PORT_FORWARD);
        assertThat(loaded.fleet().dataDir()).isEqualTo(fleet.resolve("data").toAbsolutePath().toString());

        SecurityConfig security = loaded.security();
        assertThat(security.token().secret()).contains(secret);
        assertThat(security.apiKeys()).containsOnlyKeys("admin");
        assertThat(security.apiKeys().get("admin").sha256()).isEqualTo(HashTool.sha256(key));
        assertThat(security.apiKeys().get("admin").roles()).contains(java.util.List.of("admin"));

        // the key only on the screen, the secret only in its file, no credential of the kubeconfig copied
        String yaml = Files.readString(fleet.resolve("fleet.yaml"));
        assertThat(yaml).doesNotContain(key, secret, "dev-token-123", "prod-client-key")
                .contains("${FLEET_TOKEN_SECRET}");
        try (Stream<Path> files = Files.walk(fleet)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(key);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(fleet)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("fleet.yaml",
                    "token-secret");
        }
    }

    @Test
    void copiedCredentialsAreOneContextPerFileWithItsFilesInlined() throws Exception {
        Path fleet = dir.resolve("fleet");
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString(), "--copy-credentials",
                "--contexts", "prod-eu,arn:aws:eks:eu-west-1:123456789012:cluster/Stage_1")).as(err.toString())
                .isZero();
        Path copy = fleet.resolve("kubeconfig-prod-eu");
        JsonNode prod = Kubeconfig.YAML.readTree(copy.toFile());
        assertThat(prod.get("current-context").asText()).isEqualTo("prod-eu");
        assertThat(prod.get("contexts")).hasSize(1);
        assertThat(prod.at("/clusters/0/cluster/server").asText()).isEqualTo("https://prod.example.com:6443");
        assertThat(new String(Base64.getDecoder().decode(prod.at("/clusters/0/cluster/certificate-authority-data")
                .asText()), StandardCharsets.UTF_8)).contains("prod-ca");
        assertThat(prod.at("/clusters/0/cluster/certificate-authority").isMissingNode()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(prod.at("/users/0/user/client-key-data").asText()),
                StandardCharsets.UTF_8)).isEqualTo("prod-client-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gets its credentials from a command");

        FleetFileLoader.Loaded loaded = FleetFileLoader.load(fleet.resolve("fleet.yaml"),
                Map.of("FLEET_TOKEN_SECRET", "x".repeat(40)));
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.fleet().clusters()).hasSize(2);
        assertThat(loaded.fleet().clusters().get("prod-eu").kubernetes().orElseThrow().kubeconfig())
                .contains(copy.toString());
    }

    @Test
    void forAKubernetesSecretTheFilesAreReferencedWhereTheyAreMounted() throws Exception {
        Path fleet = dir.resolve("fleet");
        Files.createDirectories(fleet);
        Path targets = Files.copy(kubeconfig, fleet.resolve("targets.kubeconfig"));
        assertThat(run("--kubeconfig", targets.toString(), "--out", fleet.toString(), "--mount", "/etc/fleet",
                "--contexts", "prod-eu")).as(err.toString()).isZero();
        String yaml = Files.readString(fleet.resolve("fleet.yaml"));
        assertThat(yaml).contains("kubeconfig: \"/etc/fleet/targets.kubeconfig\"",
                "data-dir: \"/var/lib/higress-fleet\"").doesNotContain("kubeconfig: \"" + fleet);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "kubectl -n higress-fleet create secret generic higress-fleet --from-file=" + fleet);

        // a kubeconfig outside the directory would not be in the Secret
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", dir.resolve("other").toString(), "--mount",
                "/etc/fleet")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is outside", "--copy-credentials");
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", dir.resolve("other").toString(), "--mount",
                "/etc/fleet", "--copy-credentials", "--contexts", "kind-dev")).isZero();
        assertThat(Files.readString(dir.resolve("other/fleet.yaml")))
                .contains("kubeconfig: \"/etc/fleet/kubeconfig-kind-dev\"");
    }

    @Test
    void aLabelPatternNamesTheLabels() throws Exception {
        Path fleet = dir.resolve("fleet");
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString(), "--contexts",
                "prod-eu,kind-dev", "--label-pattern", "(?<env>[a-z]+)-(?<region>[a-z]+)")).isZero();
        FleetFileLoader.Loaded loaded = FleetFileLoader.load(fleet.resolve("fleet.yaml"),
                Map.of("FLEET_TOKEN_SECRET", "x".repeat(40)));
        assertThat(loaded.fleet().clusters().get("prod-eu").labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "region", "eu"));
        // "kind-dev" matches too: env=kind, region=dev — the pattern is the user's
        assertThat(loaded.fleet().clusters().get("kind-dev").labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "kind", "region", "dev"));
    }

    @Test
    void nothingIsOverwrittenWithoutForceAndBadInputIsAUsageError() throws Exception {
        Path fleet = dir.resolve("fleet");
        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString())).isZero();
        String before = Files.readString(fleet.resolve("fleet.yaml"));
        String secret = Files.readString(fleet.resolve("token-secret"));

        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists; nothing was written", "--force");
        assertThat(Files.readString(fleet.resolve("fleet.yaml"))).isEqualTo(before);
        assertThat(Files.readString(fleet.resolve("token-secret"))).isEqualTo(secret);

        assertThat(run("--kubeconfig", kubeconfig.toString(), "--out", fleet.toString(), "--force")).isZero();
        assertThat(Files.readString(fleet.resolve("token-secret"))).isNotEqualTo(secret);

        for (List<String> bad : List.of(List.of("--contexts", "nope"), List.of("--admin", "Not A Name"),
                List.of("--label-pattern", "(unclosed"), List.of("--bogus"))) {
            err.reset();
            String[] args = Stream.concat(Stream.of("--kubeconfig", kubeconfig.toString(), "--out",
                    dir.resolve("other").toString()), bad.stream()).toArray(String[]::new);
            assertThat(run(args)).as(bad.toString()).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(bad.toString()).startsWith("fleet-init: ");
            assertThat(dir.resolve("other")).as(bad.toString()).doesNotExist();
        }
        assertThat(run("--kubeconfig", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void contextNamesBecomeDistinctClusterNames() {
        assertThat(ContextNames.clusterName("arn:aws:eks:eu-west-1:123456789012:cluster/Stage_1"))
                .isEqualTo("arn-aws-eks-eu-west-1-123456789012-cluster-stage-1");
        assertThat(ContextNames.clusterName("gke_my-project_europe-west1_prod"))
                .isEqualTo("gke-my-project-europe-west1-prod");
        assertThat(ContextNames.clusterName("---")).isEqualTo("cluster");
        assertThat(ContextNames.clusterName("x".repeat(70) + "-prod")).hasSizeLessThanOrEqualTo(63).endsWith("-prod");
    }
}
