package io.higress.fleet.admin.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.Fixtures;
import io.higress.fleet.admin.configdump.ConfigDumpSummarizer;
import io.higress.fleet.admin.configdump.ConfigDumpSummary;
import io.higress.fleet.admin.configdump.ConfigSection;
import io.higress.fleet.admin.configdump.ResourceSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistencyAnalyzerTest {

    private static final GatewayRef A1 = new GatewayRef("a", "gw-1");
    private static final GatewayRef A2 = new GatewayRef("a", "gw-2");
    private static final GatewayRef A3 = new GatewayRef("a", "gw-3");
    private static final GatewayRef B1 = new GatewayRef("b", "gw-1");
    private static final GatewayRef B2 = new GatewayRef("b", "gw-2");

    private static ConfigDumpSummary clusters(String... nameHashPairs) {
        List<ResourceSummary> resources = new ArrayList<>();
        for (int i = 0; i < nameHashPairs.length; i += 2) {
            resources.add(new ResourceSummary("dynamic_active_clusters", nameHashPairs[i], "v" + i, null, nameHashPairs[i + 1]));
        }
        return new ConfigDumpSummary(List.of(new ConfigSection("type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
                ConfigSection.CLUSTERS, "1", resources)));
    }

    @Test
    void findsOutliersClusterDriftAndDifferingResources() {
        Map<GatewayRef, ConfigDumpSummary> dumps = new LinkedHashMap<>();
        dumps.put(B2, clusters("x", "h1", "y", "h2"));
        dumps.put(A1, clusters("x", "h1", "y", "h2"));
        dumps.put(A2, clusters("x", "h1", "y", "h2"));
        dumps.put(A3, clusters("x", "h1", "y", "CHANGED"));
        dumps.put(B1, clusters("x", "h1"));

        SectionConsistency section = new ConsistencyAnalyzer().analyze(dumps).section("clusters").orElseThrow();

        assertThat(section.consistent()).isFalse();
        assertThat(section.groups()).extracting(g -> g.gateways().size()).containsExactly(3, 1, 1);
        assertThat(section.groups().get(0).gateways()).containsExactly(A1, A2, B2);
        assertThat(section.fleetMajorityHash()).isEqualTo(section.groups().get(0).hash());
        // cluster b has one gateway of each: the tie goes to the fleet majority, so b's odd one out is gw-1
        assertThat(section.outliers()).containsExactly(A3, B1);
        ClusterConsistency b = section.clusters().get(1);
        assertThat(b.cluster()).isEqualTo("b");
        assertThat(b.matchesFleet()).isTrue();
        assertThat(b.majorityHash()).isEqualTo(section.fleetMajorityHash());
        assertThat(section.clustersDifferingFromFleet()).isEmpty();
        assertThat(section.clusters().get(0).matchesFleet()).isTrue();
        assertThat(section.differingResources()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("dynamic_active_clusters/y");
            assertThat(d.missingOn()).containsExactly(B1);
            assertThat(d.variants()).extracting(HashGroup::hash).containsExactly("h2", "CHANGED");
            assertThat(d.variants().get(0).gateways()).containsExactly(A1, A2, B2);
        });
    }

    @Test
    void versionsDoNotCountOnlyContentAndAbsentSectionsAreEmpty() {
        ConfigDumpSummary one = clusters("x", "h1");
        ConfigDumpSummary sameContentOtherVersions = new ConfigDumpSummary(List.of(new ConfigSection(
                "t", ConfigSection.CLUSTERS, "99", List.of(new ResourceSummary("dynamic_active_clusters", "x", "v77",
                "2030-01-01T00:00:00Z", "h1")))));
        ConsistencyReport report = new ConsistencyAnalyzer().analyze(Map.of(A1, one, A2, sameContentOtherVersions));

        assertThat(report.gateways()).isEqualTo(2);
        assertThat(report.section("clusters").orElseThrow().consistent()).isTrue();
        assertThat(report.section("clusters").orElseThrow().differingResources()).isEmpty();
        SectionConsistency listeners = report.section("listeners").orElseThrow();
        assertThat(listeners.consistent()).isTrue();
        assertThat(listeners.fleetMajorityHash()).isEqualTo(ConsistencyAnalyzer.hashOf(Map.of()));
        assertThat(report.sections()).extracting(SectionConsistency::section)
                .containsExactly("listeners", "routes", "clusters", "secrets");
    }

    @Test
    void twoRealDumpsAcrossTwoClusters() throws Exception {
        ConfigDumpSummarizer summarizer = new ConfigDumpSummarizer();
        ConfigDumpSummary higress = summarizer.summarize(Fixtures.envoyBytes("higress-hgctl-in.all.config_dump.json"));
        ConfigDumpSummary aiGateway = summarizer.summarize(Fixtures.envoyBytes("wg-ai-gateway-envoy-1.37.config_dump.json"));
        Map<GatewayRef, ConfigDumpSummary> dumps = Map.of(A1, higress, A2, higress, A3, aiGateway, B1, aiGateway,
                B2, aiGateway);

        ConsistencyReport report = new ConsistencyAnalyzer().analyze(dumps);
        SectionConsistency clusters = report.section("clusters").orElseThrow();

        assertThat(clusters.outliers()).containsExactly(A3);
        assertThat(clusters.clustersDifferingFromFleet()).containsExactly("a");
        assertThat(clusters.groups().get(0).gateways()).containsExactly(A3, B1, B2);
        assertThat(clusters.differingResources()).extracting(ResourceDrift::resource).containsExactly(
                "dynamic_active_clusters/default-backend-rule-0-match-0-www.example.com",
                "dynamic_active_clusters/default-httpbin-backend-80",
                "static_clusters/xds_cluster");
        ResourceDrift xds = clusters.differingResources().get(2);
        assertThat(xds.missingOn()).isEmpty();
        assertThat(xds.variants()).hasSize(2);
        assertThat(report.section("secrets").orElseThrow().differingResources()).extracting(ResourceDrift::resource)
                .containsExactly("dynamic_active_secrets/xds_certificate", "dynamic_active_secrets/xds_trusted_ca");

        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(json.at("/sections/2/section").asText()).isEqualTo("clusters");
        assertThat(json.at("/sections/2/outliers/0/gateway").asText()).isEqualTo("gw-3");
        assertThat(json.at("/sections/2/differingResources/0/missingOn")).hasSize(3);
    }
}
