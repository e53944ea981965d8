package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The gate's arithmetic over two samples: scoped 5xx ratio, p99 from histogram buckets, traffic, rejections. */
class ChangeMetricsTest {

    static final GateScope SHOP = new GateScope(List.of("shop.example.com"),
            List.of("outbound|8080||shop-v2.higress-system.svc.cluster.local"));

    static HealthGateSpec gate(Double ratio, Double p99, Long minRequests) {
        return new HealthGateSpec(true, ratio, false, true, p99, minRequests, null, null, null);
    }

    static GateSample sample(Map<String, Map<String, Long>> counters) {
        return new GateSample(Instant.now(), counters, Map.of());
    }

    @Test
    void theChangedHostFailsWhileTheWholeGatewayWouldPass() {
        GateSample base = sample(Map.of("gw-1", Map.of(
                "http.outbound_0.0.0.0_80.downstream_rq_total", 1000L, "http.outbound_0.0.0.0_80.downstream_rq_5xx", 0L,
                "vhost.shop.example.com_80.vcluster.other.upstream_rq_total", 100L)));
        GateSample now = sample(Map.of("gw-1", Map.of(
                "http.outbound_0.0.0.0_80.downstream_rq_total", 3000L, "http.outbound_0.0.0.0_80.downstream_rq_5xx", 100L,
                "http.admin.downstream_rq_total", 99999L, "http.admin.downstream_rq_5xx", 99999L,
                "vhost.shop.example.com_80.vcluster.other.upstream_rq_total", 200L,
                "vhost.shop.example.com_80.vcluster.other.upstream_rq_5xx", 100L)));

        ChangeMetrics.Verdict host = ChangeMetrics.judge("test", gate(0.1, null, null), SHOP, base, now);
        assertThat(host.outcome()).isEqualTo(ChangeMetrics.Outcome.FAILED);
        assertThat(host.message()).contains("cluster test: 5xx ratio 1.0000").contains("on host shop.example.com")
                .contains("100 of 100 requests");

        // the same counters judged on the whole gateway (a rollout without routes): 100 of 2000, admin excluded
        ChangeMetrics.Verdict whole = ChangeMetrics.judge("test", gate(0.1, null, null),
                new GateScope(List.of(), List.of()), base, now);
        assertThat(whole.outcome()).isEqualTo(ChangeMetrics.Outcome.PASSED);
    }

    @Test
    void withoutStatsOfTheHostItFallsBackToItsUpstreamClusterThenTheGateway() {
        String cluster = "cluster.outbound|8080||shop-v2.higress-system.svc.cluster.local.";
        GateSample base = sample(Map.of("gw-1", Map.of(cluster + "upstream_rq_total", 10L)));
        GateSample now = sample(Map.of("gw-1", Map.of(cluster + "upstream_rq_total", 30L,
                cluster + "upstream_rq_5xx", 10L)));
        ChangeMetrics.Verdict v = ChangeMetrics.judge("dev", gate(0.2, null, null), SHOP, base, now);
        assertThat(v.message()).contains("on upstream cluster outbound|8080||shop-v2").contains("10 of 20");

        ChangeMetrics.Verdict none = ChangeMetrics.judge("dev", gate(0.2, null, null), SHOP,
                sample(Map.of("gw-1", Map.of())), sample(Map.of("gw-1", Map.of())));
        assertThat(none.outcome()).isEqualTo(ChangeMetrics.Outcome.NOT_ENOUGH_TRAFFIC);
        assertThat(none.message()).contains("not enough traffic").contains("the whole gateway")
                .contains("had 0 requests");
    }

    @Test
    void minRequestsCountsPerHostAndRestartedCountersCountFromZero() {
        String total = "vhost.shop.example.com_80.vcluster.other.upstream_rq_total";
        GateSample base = sample(Map.of("gw-1", Map.of(total, 500L), "gw-2", Map.of(total, 500L)));
        // gw-1 restarted (its counter went down): its 5 requests are new; gw-2 answered 10 more
        GateSample now = sample(Map.of("gw-1", Map.of(total, 5L), "gw-2", Map.of(total, 510L)));
        ChangeMetrics.Verdict v = ChangeMetrics.judge("dev", gate(0.1, null, 50L), SHOP, base, now);
        assertThat(v.outcome()).isEqualTo(ChangeMetrics.Outcome.NOT_ENOUGH_TRAFFIC);
        assertThat(v.message()).contains("host shop.example.com had 15 requests, fewer than minRequests 50");
        assertThat(ChangeMetrics.judge("dev", gate(0.1, null, 15L), SHOP, base, now).outcome())
                .isEqualTo(ChangeMetrics.Outcome.PASSED);
    }

    @Test
    void p99ComesFromTheBucketsAddedBetweenTheSamples() {
        String total = "vhost.shop.example.com_80.vcluster.other.upstream_rq_total";
        TreeMap<Double, Long> before = buckets(1000, 1000, 1000, 1000);
        // 100 new requests, all between 250 and 500 ms
        TreeMap<Double, Long> after = buckets(1000, 1000, 1100, 1100);
        GateSample base = new GateSample(Instant.now(), Map.of("gw-1", Map.of(total, 1000L)),
                Map.of("gw-1", Map.of("vhost:shop.example.com_80", before)));
        GateSample now = new GateSample(Instant.now(), Map.of("gw-1", Map.of(total, 1100L)),
                Map.of("gw-1", Map.of("vhost:shop.example.com_80", after)));
        ChangeMetrics.Verdict v = ChangeMetrics.judge("prod", gate(null, 200.0, null), SHOP, base, now);
        assertThat(v.outcome()).isEqualTo(ChangeMetrics.Outcome.FAILED);
        assertThat(v.message()).contains("p99 latency 497.5 ms").contains("exceeds 200.0 ms on host shop.example.com");
        assertThat(ChangeMetrics.judge("prod", gate(null, 600.0, null), SHOP, base, now).outcome())
                .isEqualTo(ChangeMetrics.Outcome.PASSED);
    }

    @Test
    void prometheusBucketsAreParsedPerVirtualHostAndCluster() {
        String exposition = """
                # TYPE envoy_vhost_vcluster_upstream_rq_time histogram
                envoy_vhost_vcluster_upstream_rq_time_bucket{envoy_virtual_cluster="other",envoy_virtual_host="shop.example.com_80",le="250"} 3
                envoy_vhost_vcluster_upstream_rq_time_bucket{envoy_virtual_cluster="other",envoy_virtual_host="shop.example.com_80",le="+Inf"} 7
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="outbound|80||a.b.svc.cluster.local",le="0.5"} 1
                envoy_cluster_upstream_rq_time_sum{envoy_cluster_name="outbound|80||a.b.svc.cluster.local"} 1
                """;
        var parsed = LatencyHistograms.parse(exposition);
        assertThat(parsed.get("vhost:shop.example.com_80")).containsEntry(250.0, 3L)
                .containsEntry(Double.POSITIVE_INFINITY, 7L);
        assertThat(parsed.get("cluster:outbound|80||a.b.svc.cluster.local")).containsOnlyKeys(0.5);
    }

    @Test
    void rejectionsNameTheResourceAndIgnoreCountersThatDidNotRise() {
        Map<String, Map<String, Long>> before = Map.of("gw-1", Map.of("listener_manager.lds.update_rejected", 17L,
                "extension_config_discovery.http_filter.higress-system.key-auth-1.0.0.update_rejected", 0L));
        Map<String, Map<String, Long>> now = Map.of("gw-1", Map.of("listener_manager.lds.update_rejected", 17L,
                "extension_config_discovery.http_filter.higress-system.key-auth-1.0.0.update_rejected", 1L,
                "http.outbound_0.0.0.0_80.rds.http.80.update_rejected", 2L),
                "gw-2", Map.of("extension_config_discovery.http_filter.higress-system.demo.config_fail", 1L));
        assertThat(RejectedUpdates.since(before, now)).containsExactlyInAnyOrder(
                "gateway gw-1 rejected Wasm plugin higress-system.key-auth-1.0.0 (ECDS) "
                        + "(extension_config_discovery.http_filter.higress-system.key-auth-1.0.0.update_rejected +1)",
                "gateway gw-1 rejected route configuration http.80 (RDS) "
                        + "(http.outbound_0.0.0.0_80.rds.http.80.update_rejected +2)",
                "gateway gw-2 could not start Wasm plugin higress-system.demo (ECDS config_fail) "
                        + "(extension_config_discovery.http_filter.higress-system.demo.config_fail +1)");
        assertThat(RejectedUpdates.since(before, before)).isEmpty();
    }

    /** Cumulative counts at 100, 250, 500 ms and +Inf. */
    static TreeMap<Double, Long> buckets(long le100, long le250, long le500, long inf) {
        TreeMap<Double, Long> b = new TreeMap<>();
        b.put(100.0, le100);
        b.put(250.0, le250);
        b.put(500.0, le500);
        b.put(Double.POSITIVE_INFINITY, inf);
        return b;
    }
}
