package io.higress.fleet.admin.parse;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClustersParserTest {

    @Test
    void goldenJsonAndTextAgreeOnTheUnhealthyDegradedHost() {
        ClustersHealth json = ClustersParser.parseJson(Fixtures.envoyText("envoy-test-clusters.golden.json"));
        ClustersHealth text = ClustersParser.parseText(Fixtures.envoyText("envoy-test-clusters.golden.txt"));

        for (ClustersHealth health : new ClustersHealth[] {json, text}) {
            assertThat(health.clusters()).extracting(ClusterHealth::name).containsExactly("fake_cluster");
            assertThat(health.totals()).isEqualTo(new HostHealthCounts(1, 0, 1));
            HostHealth host = health.clusters().get(0).hosts().get(0);
            assertThat(host.address()).isEqualTo("1.2.3.4:80");
            assertThat(host.flags()).contains("failed_active_hc", "failed_outlier_check", "degraded_eds_health",
                    "degraded_active_hc", "pending_dynamic_removal");
        }
        assertThat(json.clusters().get(0).flagCounts()).isEqualTo(text.clusters().get(0).flagCounts());
    }

    @Test
    void clutchJsonWithPipeAddressAndFailedActiveCheck() {
        ClustersHealth health = ClustersParser.parseJson(Fixtures.envoyText("clutch-envoy-1.15.clusters.json"));

        assertThat(health.totals()).isEqualTo(new HostHealthCounts(2, 1, 1));
        ClusterHealth statsd = health.cluster("statsd").orElseThrow();
        assertThat(statsd.counts()).isEqualTo(new HostHealthCounts(1, 0, 1));
        assertThat(statsd.flagCounts()).containsEntry("failed_active_hc", 1);
        ClusterHealth local = health.cluster("local_service").orElseThrow();
        assertThat(local.counts()).isEqualTo(new HostHealthCounts(1, 1, 0));
        assertThat(local.hosts().get(0).address()).isEqualTo("/run/gunicorn/gunicorn.sock");
    }

    @Test
    void textWithIstioNamesAndIpv6HostsIsNotSplitNaively() {
        String text = """
                outbound|80||httpbin.default.svc.cluster.local::observability_name::outbound|80||httpbin.default.svc.cluster.local
                outbound|80||httpbin.default.svc.cluster.local::default_priority::max_connections::4294967295
                outbound|80||httpbin.default.svc.cluster.local::outlier::success_rate_average::-1
                outbound|80||httpbin.default.svc.cluster.local::added_via_api::true
                outbound|80||httpbin.default.svc.cluster.local::[2001:db8::1]:8080::cx_active::0
                outbound|80||httpbin.default.svc.cluster.local::[2001:db8::1]:8080::health_flags::healthy
                outbound|80||httpbin.default.svc.cluster.local::[2001:db8::2]:8080::health_flags::/failed_eds_health
                outbound|80||httpbin.default.svc.cluster.local::10.0.0.7:8080::hostname::httpbin-1
                outbound|80||httpbin.default.svc.cluster.local::10.0.0.7:8080::health_flags::/degraded_eds_health
                BlackHoleCluster::default_priority::max_connections::1024
                """;
        ClustersHealth health = ClustersParser.parseText(text);

        ClusterHealth httpbin = health.cluster("outbound|80||httpbin.default.svc.cluster.local").orElseThrow();
        assertThat(httpbin.hosts()).extracting(HostHealth::address)
                .containsExactly("[2001:db8::1]:8080", "[2001:db8::2]:8080", "10.0.0.7:8080");
        assertThat(httpbin.counts()).isEqualTo(new HostHealthCounts(3, 2, 1));
        assertThat(httpbin.flagCounts()).containsEntry("failed_eds_health", 1).containsEntry("degraded_eds_health", 1);
        assertThat(health.cluster("BlackHoleCluster").orElseThrow().counts()).isEqualTo(HostHealthCounts.ZERO);
    }

    @Test
    void jsonEdsUnhealthyAndIpv6Formatting() {
        ClustersHealth health = ClustersParser.parseJson("""
                {"cluster_statuses":[{"name":"c","host_statuses":[
                  {"address":{"socket_address":{"address":"2001:db8::5","port_value":80}},
                   "health_status":{"eds_health_status":"UNHEALTHY"}},
                  {"address":{"socket_address":{"address":"10.1.1.1","port_value":80}},
                   "health_status":{"eds_health_status":"DRAINING"}},
                  {"address":{"socket_address":{"address":"10.1.1.2","port_value":80}},
                   "health_status":{"eds_health_status":"HEALTHY"}}]}]}""");

        assertThat(health.totals()).isEqualTo(new HostHealthCounts(3, 1, 2));
        assertThat(health.clusters().get(0).hosts().get(0).address()).isEqualTo("[2001:db8::5]:80");
    }

    @Test
    void malformedInputIsReported() {
        assertThatThrownBy(() -> ClustersParser.parseJson("[1,2")).isInstanceOf(MalformedAdminResponseException.class);
        assertThatThrownBy(() -> ClustersParser.parseText("no separators here\n"))
                .isInstanceOf(MalformedAdminResponseException.class).hasMessageContaining("line 1");
    }
}
