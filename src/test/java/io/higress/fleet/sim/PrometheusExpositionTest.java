package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The simulator's /stats/prometheus must satisfy Prometheus's own linter, or merger tests prove nothing. */
class PrometheusExpositionTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed");
        String exposition;
        try (EnvoyAdminSimulator simulator = new EnvoyAdminSimulator()) {
            SimulatedGateway gw = simulator.start("prod", "prod-gw-1").setErrorRatio(0.1);
            exposition = AdminClient.get(gw.adminUrl() + "/stats/prometheus").body();
        }
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(promtool.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // promtool exits 3 for lint findings (no HELP lines, counters without _total: real Envoy output gets them
        // too) and 1 when the text does not parse, which is what would make the exposition unusable
        assertThat(promtool.exitValue()).as(report).isIn(0, 3);
        assertThat(report).doesNotContain("error while linting");
        assertThat(exposition).contains("envoy_cluster_membership_total");
    }
}
