package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.admin.prometheus.Promtool;
import org.junit.jupiter.api.Test;

/** The simulator's /stats/prometheus must satisfy Prometheus's own linter, or merger tests prove nothing. */
class PrometheusExpositionTest {

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        String exposition;
        try (EnvoyAdminSimulator simulator = new EnvoyAdminSimulator()) {
            SimulatedGateway gw = simulator.start("prod", "prod-gw-1").setErrorRatio(0.1);
            exposition = AdminClient.get(gw.adminUrl() + "/stats/prometheus").body();
        }
        Promtool.Result result = Promtool.check(exposition);
        // promtool exits 3 for lint findings (no HELP lines, counters without _total: real Envoy output gets them
        // too) and 1 when the text does not parse, which is what would make the exposition unusable
        assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
        assertThat(result.output()).doesNotContain("error while linting");
        assertThat(exposition).contains("envoy_cluster_membership_total");
    }
}
