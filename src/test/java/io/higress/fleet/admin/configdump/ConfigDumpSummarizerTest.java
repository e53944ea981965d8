package io.higress.fleet.admin.configdump;

import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigDumpSummarizerTest {

    private final ConfigDumpSummarizer summarizer = new ConfigDumpSummarizer();

    private ConfigDumpSummary fixture(String name) {
        return summarizer.summarize(Fixtures.envoyBytes(name));
    }

    private ConfigDumpSummary json(String json) {
        return summarizer.summarize(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void higressDumpWithAllSectionsAndCamelCaseEndpoints() {
        ConfigDumpSummary dump = fixture("higress-hgctl-in.all.config_dump.json");

        assertThat(dump.sections()).extracting(ConfigSection::kind).containsExactly("BootstrapConfigDump",
                "ClustersConfigDump", "ListenersConfigDump", "ScopedRoutesConfigDump", "RoutesConfigDump",
                "SecretsConfigDump", "EndpointsConfigDump");
        ConfigSection clusters = dump.section(ConfigSection.CLUSTERS).orElseThrow();
        assertThat(clusters.versionInfo()).isEqualTo("2");
        assertThat(clusters.resources()).extracting(ResourceSummary::key).containsExactly(
                "static_clusters/xds_cluster", "dynamic_active_clusters/default-backend-rule-0-match-0-www.example.com");
        assertThat(clusters.resources().get(1).versionInfo())
                .isEqualTo("2a0a1698a9d3e05b802047b0cd36b52a070afa49042e1ba267168c5265c7cabf");
        assertThat(clusters.resources().get(0).versionInfo()).isNull();
        assertThat(clusters.resources().get(0).lastUpdated()).isNotNull();

        ResourceSummary listener = dump.resources(ConfigSection.LISTENERS).get(0);
        assertThat(listener.name()).isEqualTo("default-higress-http");
        assertThat(listener.versionInfo()).isEqualTo("42c71fb50c315ee3a32b327da69f8cc0baf420bc84b747e82d9c38e1b0c33eb2");
        assertThat(dump.resources(ConfigSection.ROUTES)).extracting(ResourceSummary::name)
                .containsExactly("default-higress-http");
        assertThat(dump.resources(ConfigSection.SECRETS)).extracting(ResourceSummary::name)
                .containsExactly("xds_certificate", "xds_trusted_ca");
        assertThat(dump.resources(ConfigSection.ENDPOINTS)).extracting(ResourceSummary::key)
                .containsExactly("static_endpoint_configs/xds_cluster");
        assertThat(dump.resources(ConfigSection.BOOTSTRAP)).extracting(ResourceSummary::key)
                .containsExactly("bootstrap/bootstrap");
        assertThat(dump.section(ConfigSection.SCOPED_ROUTES).orElseThrow().resources()).isEmpty();
        assertThat(dump.sections()).allSatisfy(s -> s.resources()
                .forEach(r -> assertThat(r.hash()).matches("[0-9a-f]{64}")));
    }

    @Test
    void envoy113TransitionalDumpWithV2Resources() {
        ConfigDumpSummary dump = fixture("istio-echo-envoy-1.13-large.config_dump.json");

        assertThat(dump.resources(ConfigSection.CLUSTERS)).hasSize(87);
        assertThat(dump.resources(ConfigSection.LISTENERS)).hasSize(53);
        assertThat(dump.resources(ConfigSection.ROUTES)).hasSize(20);
        ResourceSummary blackHole = dump.resources(ConfigSection.CLUSTERS).stream()
                .filter(r -> r.name().equals("BlackHoleCluster")).findFirst().orElseThrow();
        assertThat(blackHole.versionInfo()).isEqualTo("2019-04-14T15:36:44Z/18");
        // the static listener has no name in this dump: it is identified by its position
        assertThat(dump.resources(ConfigSection.LISTENERS).get(0).key()).isEqualTo("static_listeners/static_listeners[0]");
        assertThat(dump.resources(ConfigSection.LISTENERS).stream().map(ResourceSummary::name).distinct()).hasSize(53);
    }

    @Test
    void istioWaypointDumpWithEdsAndSecrets() {
        ConfigDumpSummary dump = fixture("istio-istioctl-proxyconfig.config_dump.json");

        assertThat(dump.section(ConfigSection.CLUSTERS).orElseThrow().versionInfo()).isEqualTo("2023-12-26T05:56:10Z/3");
        assertThat(dump.resources(ConfigSection.ENDPOINTS)).extracting(ResourceSummary::key).containsExactly(
                "static_endpoint_configs/prometheus_stats",
                "dynamic_endpoint_configs/inbound-vip|8100|http|httpbin.default.svc.cluster.local");
        assertThat(dump.resources(ConfigSection.SECRETS)).extracting(ResourceSummary::name).containsExactly("default", "ROOTCA");
        assertThat(dump.resources(ConfigSection.LISTENERS)).extracting(ResourceSummary::name)
                .containsExactly("static_listeners[0]", "main_internal");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096})
    void incrementalFeedingGivesTheSameSummaryAsBlocking(int chunkSize) {
        byte[] bytes = Fixtures.envoyBytes("wg-ai-gateway-envoy-1.37.config_dump.json");
        DumpFeed<ConfigDumpSummary> feed = summarizer.open();
        for (int i = 0; i < bytes.length; i += chunkSize) {
            feed.feed(bytes, i, Math.min(chunkSize, bytes.length - i));
        }
        ConfigDumpSummary incremental = feed.finish();

        assertThat(incremental).isEqualTo(summarizer.summarize(bytes));
        assertThat(incremental.resources(ConfigSection.CLUSTERS)).extracting(ResourceSummary::name)
                .containsExactly("xds_cluster", "default-httpbin-backend-80");
    }

    @Test
    void hashIgnoresKeyOrderCaseStyleTimestampsAndVersionsButNotContent() {
        String a = """
                {"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.ClustersConfigDump","version_info":"1",
                 "dynamic_active_clusters":[{"version_info":"v1","cluster":{"name":"c","connect_timeout":"5s",
                   "lb_policy":"ROUND_ROBIN","hosts":[1,2]},"last_updated":"2024-01-01T00:00:00Z"}]}]}""";
        String reorderedCamel = """
                {"configs":[{"dynamicActiveClusters":[{"lastUpdated":"2025-05-05T00:00:00Z","cluster":
                  {"lbPolicy":"ROUND_ROBIN","hosts":[1,2],"connectTimeout":"5s","name":"c"},"versionInfo":"v9"}],
                 "versionInfo":"7","@type":"type.googleapis.com/envoy.admin.v3.ClustersConfigDump"}]}""";
        String changedValue = a.replace("\"5s\"", "\"6s\"");
        String changedOrder = a.replace("[1,2]", "[2,1]");

        String hash = json(a).resources(ConfigSection.CLUSTERS).get(0).hash();
        ResourceSummary other = json(reorderedCamel).resources(ConfigSection.CLUSTERS).get(0);
        assertThat(other.hash()).isEqualTo(hash);
        assertThat(other.versionInfo()).isEqualTo("v9");
        assertThat(other.key()).isEqualTo("dynamic_active_clusters/c");
        assertThat(json(changedValue).resources(ConfigSection.CLUSTERS).get(0).hash()).isNotEqualTo(hash);
        assertThat(json(changedOrder).resources(ConfigSection.CLUSTERS).get(0).hash()).isNotEqualTo(hash);
    }

    @Test
    void unknownSectionTypesAreSummarisedAndExtraRootFieldsTolerated() {
        ConfigDumpSummary dump = json("""
                {"other":{"x":[1]},"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.FutureConfigDump",
                  "things":[{"name":"t1","deep":{"name":"inner"}},{"noname":true},7]},
                 {"dynamic_listeners":[]}]}""");

        assertThat(dump.sections()).extracting(ConfigSection::kind).containsExactly("FutureConfigDump", "unknown");
        assertThat(dump.sections().get(0).resources()).extracting(ResourceSummary::key)
                .containsExactly("things/t1", "things/things[1]");
    }

    @Test
    void truncatedOrInvalidDumpsFail() {
        byte[] bytes = Fixtures.envoyBytes("higress-hgctl-in.all.config_dump.json");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> summarizer.summarize(truncated)).isInstanceOf(MalformedConfigDumpException.class);
        DumpFeed<ConfigDumpSummary> feed = summarizer.open();
        feed.feed(truncated, 0, truncated.length);
        assertThatThrownBy(feed::finish).isInstanceOf(MalformedConfigDumpException.class);
        assertThatThrownBy(() -> json("[]")).isInstanceOf(MalformedConfigDumpException.class);
        assertThatThrownBy(() -> json("{\"configs\":[]} {}")).isInstanceOf(MalformedConfigDumpException.class);
    }
}
