package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starts the packaged jar with a broken fleet file and checks that it refuses to start, naming the key. This is
 * what an operator sees after a bad ConfigMap, so it runs against the real artifact, not a test harness.
 */
class InvalidConfigurationIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path dir;

    private static final AtomicInteger RUNS = new AtomicInteger();

    record Run(int exit, String output) {
    }

    /** Production refuses to start without a user or API key too: one key, so only the fleet file is at fault. */
    static final List<String> ONE_API_KEY = List.of("-Dfleet.security.api-keys.it.sha256=" + "0".repeat(64),
            "-Dfleet.security.api-keys.it.roles=viewer");

    Run start(String fleetYaml) throws IOException, InterruptedException {
        return start(fleetYaml, ONE_API_KEY);
    }

    Run start(String fleetYaml, List<String> credentials) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), fleetYaml);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.config.locations=" + file.toAbsolutePath(),
                "-Dquarkus.http.port=0",
                "-Dfleet.data-dir=" + dir.resolve("data")));
        cmd.addAll(credentials);
        cmd.addAll(List.of("-jar", JAR.toString()));
        // Under target/, where the build scans every test log for blocked event loops.
        Path log = Files.createDirectories(Path.of("target", "it-logs"))
                .resolve("InvalidConfigurationIT-" + RUNS.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // Production refuses to start without a token secret; give one so only the fleet file is at fault.
        builder.environment().put("FLEET_SECURITY_TOKEN_SECRET", "it-0123456789abcdef0123456789abcdef");
        Process p = builder.start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        return new Run(ended ? p.exitValue() : -1, out);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "fleet: {clusters: {Dev_1: {gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:1'}}}}}"
                    + "|fleet.clusters.Dev_1",
            "fleet: {clusters: {dev: {gateways: {admin-mode: exec, direct: {gw-1: 'http://127.0.0.1:1'}}}}}"
                    + "|fleet.clusters.dev.gateways.admin-mode",
            "fleet: {clusters: {dev: {kubernetes: {kubeconfig: /nonexistent/kubeconfig}}}}"
                    + "|fleet.clusters.dev.kubernetes.kubeconfig",
            "fleet: {clusters: {dev: {gateways: {admin-mode: direct, direct: {gw-1: 'ftp://127.0.0.1:1'}}}}}"
                    + "|fleet.clusters.dev.gateways.direct.gw-1",
            "fleet: {clusters: {dev: {gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:1'}}},"
                    + " DEV: {gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:2'}}}}}"
                    + "|duplicate cluster name",
    })
    void refusesToStartNamingTheKey(String yaml, String expected) throws Exception {
        Run run = start(yaml);
        assertThat(run.exit()).as(run.output()).isNotZero().isNotEqualTo(-1);
        assertThat(run.output()).contains(expected);
    }

    @Test
    void singleSignOnWithoutAnAudienceIsRefusedNamingIt() throws Exception {
        // without it, a token the provider issued to any other of its clients would be accepted
        Run run = start("""
                quarkus:
                  oidc: {tenant-enabled: true, auth-server-url: 'http://127.0.0.1:1/realms/fleet', client-id: fleet}
                fleet:
                  clusters:
                    dev:
                      gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:1'}}
                """);
        assertThat(run.exit()).as(run.output()).isNotZero().isNotEqualTo(-1);
        assertThat(run.output()).contains("quarkus.oidc.token.audience");
    }

    @Test
    void duplicateKeysInTheYamlFileAreRefused() throws Exception {
        Run run = start("""
                fleet:
                  clusters:
                    dev:
                      gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:1'}}
                    dev:
                      gateways: {admin-mode: direct, direct: {gw-1: 'http://127.0.0.1:2'}}
                """);
        assertThat(run.exit()).as(run.output()).isNotZero().isNotEqualTo(-1);
        assertThat(run.output()).containsIgnoringCase("duplicate").contains("dev");
    }

    @Test
    void aTokenSecretWithoutAnyUserOrApiKeyIsRefusedNamingTheFirstAdminFix() throws Exception {
        Run run = start("fleet: {clusters: {dev: {gateways: {admin-mode: direct, "
                + "direct: {gw-1: 'http://127.0.0.1:1'}}}}}", List.of());
        assertThat(run.exit()).as(run.output()).isNotZero().isNotEqualTo(-1);
        assertThat(run.output()).contains("fleet.security: no user and no API key is configured")
                .contains("bin/fleet-init", "fleet.security.api-keys.<name>", "fleet.security.users.<name>");
    }
}
