package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvoyAdminSimulatorTest {

    private static final String ADMIN = "type.googleapis.com/envoy.admin.v3.";
    private static EnvoyAdminSimulator simulator;
    private static SimulatedGateway gw;
    private static String url;

    @BeforeAll
    static void start() {
        simulator = new EnvoyAdminSimulator();
        gw = simulator.start("dev", "dev-gw-1");
        url = gw.adminUrl();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void resetGateway() {
        gw.clearFault().setState(ServerState.LIVE).setDumpPaddingClusters(0).setErrorRatio(0);
        gw.resetRequestCounts();
    }

    @Test
    void readyFollowsTheServerState() {
        assertThat(AdminClient.get(url + "/ready")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("LIVE\n");
        });
        gw.setState(ServerState.DRAINING);
        HttpResponse<String> draining = AdminClient.get(url + "/ready");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).isEqualTo("DRAINING\n");
    }

    @Test
    void serverInfoDescribesTheGateway() {
        JsonNode info = AdminClient.json(url + "/server_info");
        assertThat(info.get("version").asText()).matches("[0-9a-f]{40}/1\\.27\\.3/Clean/RELEASE/BoringSSL");
        assertThat(info.get("state").asText()).isEqualTo("LIVE");
        assertThat(info.get("uptime_current_epoch").asText()).matches("\\d+s");
        assertThat(info.at("/node/id").asText()).contains("dev-gw-1");
        assertThat(info.at("/node/metadata/CLUSTER_ID").asText()).isEqualTo("dev");
        assertThat(info.at("/command_line_options/concurrency").asInt()).isEqualTo(2);
        assertThat(info.has("hot_restart_version")).isTrue();
    }

    @Test
    void configDumpHasEverySectionAtTheGatewaysVersion() {
        gw.setXdsVersion("2025-11-25T10:00:00Z/7");
        JsonNode dump = AdminClient.json(url + "/config_dump");
        List<String> types = new ArrayList<>();
        dump.get("configs").forEach(c -> types.add(c.get("@type").asText().replace(ADMIN, "")));
        assertThat(types).contains("BootstrapConfigDump", "ClustersConfigDump", "EcdsConfigDump",
                "ListenersConfigDump", "ScopedRoutesConfigDump", "RoutesConfigDump", "SecretsConfigDump")
                .doesNotContain("EndpointsConfigDump");
        JsonNode clusters = section(dump, "ClustersConfigDump");
        assertThat(clusters.get("version_info").asText()).isEqualTo("2025-11-25T10:00:00Z/7");
        assertThat(clusters.get("dynamic_active_clusters")).allSatisfy(c ->
                assertThat(c.get("version_info").asText()).isEqualTo("2025-11-25T10:00:00Z/7"));
        assertThat(clusters.findValuesAsText("name"))
                .contains("outbound|8080||example-service.default.svc.cluster.local");
        assertThat(section(dump, "RoutesConfigDump").at("/dynamic_route_configs/0/route_config/virtual_hosts"))
                .isNotEmpty();
        assertThat(section(dump, "EcdsConfigDump").toString()).contains("ai-proxy", "sk-sim-dev-dev-gw-1",
                "\"api_tokens\"", "type.googleapis.com/udpa.type.v1.TypedStruct");

        gw.setXdsVersion("2025-11-25T10:05:00Z/8");
        JsonNode drifted = AdminClient.json(url + "/config_dump");
        assertThat(section(drifted, "ListenersConfigDump").get("version_info").asText())
                .isEqualTo("2025-11-25T10:05:00Z/8");
    }

    @Test
    void configDumpIncludesEndpointsOnlyWhenAsked() {
        JsonNode dump = AdminClient.json(url + "/config_dump?include_eds");
        assertThat(section(dump, "EndpointsConfigDump").at("/dynamic_endpoint_configs/0/endpoint_config/cluster_name")
                .asText()).startsWith("outbound|");
    }

    @Test
    void configDumpResourceReturnsTheElementsOfOneField() {
        JsonNode clusters = AdminClient.json(url + "/config_dump?resource=dynamic_active_clusters");
        assertThat(clusters.get("configs")).hasSize(5).allSatisfy(c -> {
            assertThat(c.get("@type").asText()).isEqualTo(ADMIN + "ClustersConfigDump.DynamicCluster");
            assertThat(c.at("/cluster/name").asText()).startsWith("outbound|");
        });
        assertThat(AdminClient.json(url + "/config_dump?resource=dynamic_warming_clusters").get("configs")).isEmpty();

        HttpResponse<String> unknown = AdminClient.get(url + "/config_dump?resource=no_such_field");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no_such_field not found in config dump");
        assertThat(AdminClient.get(url + "/config_dump?resource=bootstrap").statusCode()).isEqualTo(400);
    }

    @Test
    void configDumpNameRegexFiltersResourceNames() {
        JsonNode dump = AdminClient.json(url + "/config_dump?resource=dynamic_active_clusters&name_regex=httpbin");
        assertThat(dump.get("configs")).singleElement().satisfies(c ->
                assertThat(c.at("/cluster/name").asText()).isEqualTo("outbound|8000||httpbin.default.svc.cluster.local"));
        assertThat(AdminClient.get(url + "/config_dump?name_regex=%5B").statusCode()).isEqualTo(400);
    }

    @Test
    void configDumpMaskKeepsOnlyTheNamedFields() {
        JsonNode dump = AdminClient.json(url + "/config_dump?resource=dynamic_active_clusters&mask=cluster.name");
        assertThat(dump.get("configs")).hasSize(5).allSatisfy(c -> {
            assertThat(c.get("cluster").fieldNames()).toIterable().containsExactly("name");
            assertThat(c.has("version_info")).isFalse();
        });
        assertThat(AdminClient.get(url + "/config_dump?mask=nothing_like_this").statusCode()).isEqualTo(400);
    }

    @Test
    void paddingClustersGrowTheDumpToBenchmarkSize() {
        int small = AdminClient.get(url + "/config_dump").body().length();
        gw.setDumpPaddingClusters(1000);
        int padded = AdminClient.get(url + "/config_dump").body().length();
        assertThat(small).isLessThan(100_000);
        assertThat(padded).isBetween(1_500_000, 3_000_000);
    }

    @Test
    void clustersInTextAndJson() {
        String text = AdminClient.get(url + "/clusters").body();
        assertThat(text).contains("outbound|8080||example-service.default.svc.cluster.local::added_via_api::true")
                .containsPattern("outbound\\|8080\\|\\|example-service\\.default\\.svc\\.cluster\\.local::"
                        + "10\\.\\d+\\.\\d+\\.\\d+:8080::health_flags::healthy");
        JsonNode json = AdminClient.json(url + "/clusters?format=json");
        JsonNode host = json.at("/cluster_statuses/0/host_statuses/0");
        assertThat(host.at("/address/socket_address/address").asText()).startsWith("10.");
        assertThat(host.at("/address/socket_address/port_value").asInt()).isPositive();
        assertThat(host.at("/health_status/eds_health_status").asText()).isEqualTo("HEALTHY");
        assertThat(host.get("stats")).isNotEmpty();
    }

    @Test
    void listenersInJson() {
        JsonNode json = AdminClient.json(url + "/listeners?format=json");
        assertThat(json.get("listener_statuses")).extracting(l -> l.get("name").asText())
                .contains("0.0.0.0_80", "0.0.0.0_443");
        assertThat(json.at("/listener_statuses/0/local_address/socket_address/port_value").asInt()).isEqualTo(80);
        assertThat(AdminClient.get(url + "/listeners").body()).contains("0.0.0.0_80::0.0.0.0:80");
    }

    @Test
    void statsHonourFilterUsedOnlyAndJson() {
        String text = AdminClient.get(url + "/stats").body();
        assertThat(text).containsPattern("(?m)^server\\.live: 1$").contains("server.debug_assertion_failures: 0");
        assertThat(AdminClient.get(url + "/stats?usedonly").body()).doesNotContain("debug_assertion_failures");
        String filtered = AdminClient.get(url + "/stats?filter=%5Eserver%5C.").body();
        assertThat(filtered.lines()).isNotEmpty().allMatch(l -> l.startsWith("server."));
        JsonNode json = AdminClient.json(url + "/stats?format=json&filter=upstream_rq_2xx");
        assertThat(json.get("stats")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("name").asText()).contains("upstream_rq_2xx");
            assertThat(s.get("value").isNumber()).isTrue();
        });
    }

    @Test
    void prometheusCountersAreMonotonicAndFollowTheErrorRatio() throws Exception {
        String first = AdminClient.get(url + "/stats/prometheus").body();
        assertThat(first).contains("# TYPE envoy_server_live gauge", "envoy_server_live{} 1",
                "envoy_server_state{} 0", "# TYPE envoy_cluster_upstream_rq_time histogram",
                "envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=\"outbound|8080||example-service.default.svc.cluster.local\",le=\"+Inf\"}")
                .containsPattern("envoy_http_downstream_rq_xx\\{envoy_response_code_class=\"2\","
                        + "envoy_http_conn_manager_prefix=\"outbound_0.0.0.0_80\"} \\d+");
        assertThat(first.lines().filter(l -> l.startsWith("#"))).allMatch(l -> l.startsWith("# TYPE "));

        gw.setErrorRatio(0.5);
        Thread.sleep(300);
        String second = AdminClient.get(url + "/stats/prometheus").body();
        String ok = "envoy_cluster_upstream_rq_xx\\{envoy_response_code_class=\"2\",envoy_cluster_name=\"outbound\\|9090\\|\\|user-api[^}]*} (\\d+)";
        String failed = ok.replace("class=\"2\"", "class=\"5\"");
        assertThat(value(second, ok)).isGreaterThanOrEqualTo(value(first, ok));
        assertThat(value(second, failed)).isGreaterThan(value(first, failed));
    }

    @Test
    void certsAndMemory() {
        JsonNode cert = AdminClient.json(url + "/certs").at("/certificates/0/cert_chain/0");
        assertThat(cert.get("days_until_expiration").asText()).isEqualTo("80");
        assertThat(cert.at("/subject_alt_names/0/dns").asText()).isNotEmpty();
        assertThat(cert.has("expiration_time")).isTrue();
        assertThat(AdminClient.json(url + "/memory").get("allocated").isTextual()).isTrue();
    }

    @Test
    void loggingNeedsPostAndChangesLevels() {
        assertThat(AdminClient.get(url + "/logging").statusCode()).isEqualTo(405);
        HttpResponse<String> changed = AdminClient.post(url + "/logging?router=debug");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).startsWith("active loggers:\n").contains("  router: debug\n", "  admin: info\n");
        assertThat(AdminClient.post(url + "/logging?level=warning").body()).contains("  router: warning\n");
    }

    @Test
    void pathsMatchExactly() {
        assertThat(AdminClient.get(url + "/config_dump/").statusCode()).isEqualTo(404);
        assertThat(AdminClient.get(url + "/routes").statusCode()).isEqualTo(404);
    }

    @Test
    void countsRequestsPerPath() {
        AdminClient.get(url + "/ready");
        AdminClient.get(url + "/ready");
        AdminClient.get(url + "/server_info");
        assertThat(gw.requestCount("/ready")).isEqualTo(2);
        assertThat(gw.requestCount()).isEqualTo(3);
        gw.resetRequestCounts();
        assertThat(gw.requestCount()).isZero();
    }

    private static JsonNode section(JsonNode dump, String type) {
        for (JsonNode c : dump.get("configs")) {
            if (c.get("@type").asText().equals(ADMIN + type)) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " in dump");
    }

    private static long value(String exposition, String regex) {
        Matcher m = Pattern.compile(regex).matcher(exposition);
        assertThat(m.find()).as("series %s", regex).isTrue();
        return Long.parseLong(m.group(1));
    }
}
