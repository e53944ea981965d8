package io.higress.fleet.admin.parse;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsParserTest {

    @Test
    void clutchTextWithReadoutsAndEmptyHistograms() {
        StatsSnapshot stats = StatsParser.parseText(Fixtures.envoyText("clutch-envoy-1.15.stats.txt"));

        assertThat(stats.value("runtime.num_keys")).isEqualTo(362L);
        assertThat(stats.value("server.memory_allocated")).isEqualTo(9981232L);
        assertThat(stats.textReadouts()).containsEntry("cluster_manager.cds.version_text", "");
        assertThat(stats.histograms()).containsEntry("server.initialization_time_ms", "No recorded values");
        assertThat(stats.values()).hasSize(12);
    }

    @Test
    void emissaryThreeMegabyteCapture() {
        String text = Fixtures.envoyText("emissary-envoy-stats-text.txt");
        // the capture prints two histograms twice (http.ingress_http.downstream_{cx_length_ms,rq_time}); last wins
        long names = text.lines().map(l -> l.substring(0, l.indexOf(": "))).distinct().count();
        StatsSnapshot stats = StatsParser.parseText(text);

        assertThat(stats.values().size() + stats.textReadouts().size() + stats.histograms().size()).isEqualTo(names).isEqualTo(36490);
        assertThat(stats.textReadouts()).containsEntry("cluster_manager.cds.version_text", "v13");
        assertThat(stats.value("cluster.cluster_127_0_0_1_8500_ambassador.default.total_match_count")).isEqualTo(4220L);
        assertThat(stats.histograms().get("http.admin.downstream_cx_length_ms")).startsWith("P0(1.0,0.0) P25(1.075,0.0)");
    }

    @Test
    void jsonWithHistogramsEntry() {
        StatsSnapshot stats = StatsParser.parseJson("""
                {"stats":[{"name":"server.live","value":1},{"name":"cluster_manager.cds.version_text","value":"v7"},
                 {"histograms":{"supported_quantiles":[0,25,50,75,90,95,99,99.5,99.9,100],
                   "computed_quantiles":[
                    {"name":"cluster.a.upstream_rq_time","values":[{"interval":null,"cumulative":1},{"interval":2,"cumulative":3},
                      {},{},{},{},{},{},{},{}]},
                    {"name":"server.initialization_time_ms","values":[{},{},{},{},{},{},{},{},{},{}]}]}}]}""");

        assertThat(stats.value("server.live")).isEqualTo(1L);
        assertThat(stats.textReadouts()).containsEntry("cluster_manager.cds.version_text", "v7");
        assertThat(stats.histograms().get("cluster.a.upstream_rq_time"))
                .startsWith("P0(nan,1) P25(2,3) P50(nan,nan)").contains("P99.5(nan,nan)");
        assertThat(stats.histograms()).containsEntry("server.initialization_time_ms", "No recorded values");
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> StatsParser.parseText("a: 1\nbroken line\n"))
                .isInstanceOf(MalformedAdminResponseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> StatsParser.parseJson("{\"nope\":1}")).isInstanceOf(MalformedAdminResponseException.class);
    }
}
