package io.higress.fleet.admin.prometheus;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusMergerTest {

    private static final String DATADOG = Fixtures.envoyText("datadog-envoy-stats-prometheus.txt");
    private static final int DATADOG_SAMPLES = 999;

    @Test
    void rawDataDogCaptureIsRejectedByPromtoolBecauseOfItsRepeatedType() throws Exception {
        Promtool.Result result = Promtool.check(DATADOG);
        assertThat(result.valid()).isFalse();
        assertThat(result.output()).contains("second TYPE line for metric name \"envoy_cluster_http2_stream_refused_errors\"");
    }

    @Test
    void threeDataDogCopiesMergeIntoOneValidExposition() throws Exception {
        PrometheusMerger merger = new PrometheusMerger()
                .add("prod", "gw-1", DATADOG).add("prod", "gw-2", DATADOG).add("staging", "gw-1", new StringReader(DATADOG))
                .addDown("staging", "gw-2");
        String merged = merger.write();

        ExpositionStructure structure = ExpositionStructure.check(merged);
        assertThat(merger.report().samples()).isEqualTo(3 * DATADOG_SAMPLES);
        assertThat(merger.report().droppedSamples()).isZero();
        assertThat(structure.samples).isEqualTo(3 * DATADOG_SAMPLES + 4);
        assertThat(structure.types).containsEntry("envoy_cluster_upstream_rq_time", "histogram")
                .containsEntry("envoy_cluster_http2_stream_refused_errors", "counter")
                .containsEntry(PrometheusMerger.UP_METRIC, "gauge");
        assertThat(structure.samplesPerFamily).containsEntry("envoy_cluster_http2_stream_refused_errors", 6);
        assertThat(merged).contains("higress_fleet_gateway_up{cluster=\"staging\",gateway=\"gw-2\"} 0\n",
                "higress_fleet_gateway_up{cluster=\"prod\",gateway=\"gw-1\"} 1\n",
                "envoy_http1_response_flood{cluster=\"prod\",gateway=\"gw-2\"} 0\n",
                "envoy_cluster_upstream_rq_time_bucket{cluster=\"staging\",gateway=\"gw-1\",envoy_cluster_name=\"service1\",le=\"0.5\"} 0\n");
        assertThat(merged).doesNotContain("cluster=\"staging\",gateway=\"gw-2\",", "{cluster=\"staging\",gateway=\"gw-2\"} 1");
        Promtool.Result result = Promtool.check(merged);
        assertThat(result.valid()).as(result.output()).isTrue();
    }

    @Test
    void existingClusterAndGatewayLabelsBecomeExported() throws Exception {
        String input = """
                # HELP upstream_rq Requests by upstream cluster.
                # TYPE upstream_rq counter
                upstream_rq{cluster="outbound|80||a.svc",gateway="gw-x",code="200"} 5
                upstream_rq{cluster="b",exported_cluster="older"} 1
                """;
        String merged = new PrometheusMerger().add("c1", "gw-1", input).write();

        assertThat(merged).contains(
                "upstream_rq{cluster=\"c1\",gateway=\"gw-1\",exported_cluster=\"outbound|80||a.svc\",exported_gateway=\"gw-x\",code=\"200\"} 5\n",
                "upstream_rq{cluster=\"c1\",gateway=\"gw-1\",exported_exported_cluster=\"b\",exported_cluster=\"older\"} 1\n",
                "# HELP upstream_rq Requests by upstream cluster.\n");
        ExpositionStructure.check(merged);
        Promtool.Result result = Promtool.check(merged);
        assertThat(result.valid()).as(result.output()).isTrue();
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        String input = """
                # TYPE path_total counter
                path_total{path="C:\\\\dir\\"quoted\\"\\nnext",bad="a\\qb"} 3 1700000000000
                """;
        String merged = new PrometheusMerger().add("c\"1", "gw\\1", input).write();

        assertThat(merged).contains("path_total{cluster=\"c\\\"1\",gateway=\"gw\\\\1\",path=\"C:\\\\dir\\\"quoted\\\"\\nnext\","
                + "bad=\"a\\\\qb\"} 3 1700000000000\n");
        Promtool.Result result = Promtool.check(merged);
        assertThat(result.valid()).as(result.output()).isTrue();
    }

    @Test
    void conflictingTypeKeepsTheFirstAndDropsTheOthersSamples() {
        PrometheusMerger merger = new PrometheusMerger()
                .add("c", "a", "# TYPE foo counter\nfoo{} 1\n# TYPE bar gauge\nbar 2\n")
                .add("c", "b", "# TYPE foo gauge\nfoo{x=\"1\"} 7\nfoo{x=\"2\"} 8\n# TYPE bar gauge\nbar 3\n");
        String merged = merger.write();

        assertThat(merged).contains("# TYPE foo counter\nfoo{cluster=\"c\",gateway=\"a\"} 1\n# TYPE bar gauge\n")
                .doesNotContain("} 7", "} 8").contains("bar{cluster=\"c\",gateway=\"b\"} 3");
        assertThat(merger.report().droppedSamples()).isEqualTo(2);
        assertThat(merger.report().problems()).singleElement().asString()
                .contains("c/b").contains("TYPE gauge of foo conflicts with counter");
    }

    @Test
    void histogramChildrenStayWithTheirFamilyEvenWithoutTypeOrBeforeIt() {
        PrometheusMerger merger = new PrometheusMerger()
                .add("c", "a", """
                        rq_time_bucket{le="1"} 1
                        # TYPE rq_time histogram
                        rq_time_bucket{le="+Inf"} 2
                        rq_time_sum 3.5
                        rq_time_count 2
                        # TYPE other gauge
                        other 1
                        """)
                .add("c", "b", "rq_time_bucket{le=\"+Inf\"} 4\nrq_time_count{} 4\nrq_time_sum 1e3\nrq_time 9\n");
        String merged = merger.write();

        ExpositionStructure structure = ExpositionStructure.check(merged);
        assertThat(structure.samplesPerFamily).containsEntry("rq_time", 7).containsEntry("other", 1);
        assertThat(merged.indexOf("# TYPE other")).isGreaterThan(merged.indexOf("rq_time_sum{cluster=\"c\",gateway=\"b\"} 1e3"));
        assertThat(merger.report().problems()).singleElement().asString().contains("sample rq_time does not fit histogram");
    }

    @Test
    void malformedLinesAreDroppedAndReported() {
        PrometheusMerger merger = new PrometheusMerger().add("c", "a", """
                # TYPE ok gauge
                ok 1
                339
                ok{unterminated="x} 1
                ok{a="1"} notanumber
                ok{a="2"} 1.5e3
                ok{a="2"} 1.5e3
                # random comment
                # TYPE higress_fleet_gateway_up gauge
                higress_fleet_gateway_up 1
                """);

        assertThat(merger.report().samples()).isEqualTo(2);
        assertThat(merger.report().droppedSamples()).isEqualTo(5);
        assertThat(merger.report().problems()).anyMatch(p -> p.contains("line 3"))
                .anyMatch(p -> p.contains("repeated series")).anyMatch(p -> p.contains("reserved"));
        assertThat(merger.write()).contains("higress_fleet_gateway_up{cluster=\"c\",gateway=\"a\"} 1\n# TYPE ok gauge\n");
    }

    @Test
    void aGatewayCanOnlyBeAddedOnce() {
        PrometheusMerger merger = new PrometheusMerger().addDown("c", "a");
        assertThatThrownBy(() -> merger.add("c", "a", "x 1\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(merger.write()).isEqualTo("# HELP higress_fleet_gateway_up 1 if the fleet read the gateway's metrics, 0 if it could not.\n"
                + "# TYPE higress_fleet_gateway_up gauge\nhigress_fleet_gateway_up{cluster=\"c\",gateway=\"a\"} 0\n");
    }

    /** Functional at benchmark scale; the timing target itself is measured by bench/run (docs/benchmarks.md). */
    @Test
    void fiftyDataDogGatewaysMergeIntoOneExpositionWithEveryGatewaysSamples() {
        for (int warmup = 0; warmup < 3; warmup++) {
            mergeFifty();
        }
        long start = System.nanoTime();
        int length = mergeFifty();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("prometheus merge: 50 x DataDog capture (%d KB in) -> %d KB out in %d ms%n",
                50 * DATADOG.length() / 1024, length / 1024, ms);
        assertThat(length).isGreaterThan(50 * DATADOG.length());
        // generous: a merge this size takes ~100 ms; seconds would mean a quadratic slip
        assertThat(ms).isLessThan(5_000);
    }

    private static int mergeFifty() {
        PrometheusMerger merger = new PrometheusMerger();
        for (int g = 0; g < 50; g++) {
            merger.add("cluster-" + (g % 5), "higress-gateway-" + g, DATADOG);
        }
        StringBuilder out = new StringBuilder();
        try {
            merger.writeTo(out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.length();
    }
}
