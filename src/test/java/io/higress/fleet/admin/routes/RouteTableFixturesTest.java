package io.higress.fleet.admin.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.Fixtures;
import io.higress.fleet.admin.configdump.DumpFeed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route table of the real captured dumps matches what the dumps say. The expected rows are read from the
 * fixture with Jackson's tree (not the streaming code under test): every {@code dynamic_route_configs[]} route,
 * keyed by route configuration, virtual host and match, with its cluster or weighted clusters and version.
 */
class RouteTableFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Expected(String routeConfig, String virtualHost, JsonNode match, List<Upstream> upstreams,
            List<String> domains, String version) {
    }

    static List<Expected> expected(byte[] dump) throws Exception {
        List<Expected> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode section : JSON.readTree(dump).get("configs")) {
            for (JsonNode dynamic : section.path("dynamic_route_configs")) {
                JsonNode config = dynamic.get("route_config");
                for (JsonNode vh : config.path("virtual_hosts")) {
                    List<String> domains = new ArrayList<>();
                    vh.path("domains").forEach(d -> domains.add(d.asText()));
                    for (JsonNode route : vh.path("routes")) {
                        String key = config.get("name").asText() + "|" + vh.get("name").asText() + "|" + route.get("match");
                        if (!seen.add(key)) {
                            continue;
                        }
                        List<Upstream> upstreams = new ArrayList<>();
                        if (route.path("route").has("cluster")) {
                            upstreams.add(new Upstream(route.at("/route/cluster").asText(), null, null));
                        }
                        route.at("/route/weighted_clusters/clusters").forEach(w ->
                                upstreams.add(new Upstream(w.get("name").asText(), w.get("weight").asInt(), null)));
                        rows.add(new Expected(config.get("name").asText(), vh.get("name").asText(), route.get("match"),
                                upstreams, domains, dynamic.get("version_info").asText()));
                    }
                }
            }
        }
        return rows;
    }

    static List<VirtualHostRoutes> stream(byte[] dump, RouteQuery query, int chunk) {
        DumpFeed<List<VirtualHostRoutes>> feed = new DumpFeed<>(new RouteConfigTokens(query));
        for (int i = 0; i < dump.length; i += chunk) {
            feed.feed(dump, i, Math.min(chunk, dump.length - i));
        }
        return feed.finish();
    }

    @ParameterizedTest
    @CsvSource({"higress-hgctl-in.all.config_dump.json, 1, 7", "higress-hgctl-in.all.config_dump.json, 1, 65536",
        "istio-echo-envoy-1.13-large.config_dump.json, 41, 13", "istio-echo-envoy-1.13-large.config_dump.json, 41, 65536"})
    void theTableOfARealDumpIsWhatTheDumpSays(String fixture, int routes, int chunk) throws Exception {
        byte[] dump = Fixtures.envoyBytes(fixture);
        List<Expected> expected = expected(dump);
        assertThat(expected).hasSize(routes);

        RouteTable table = new RouteTable();
        table.add("dev", "dev-gw-1", stream(dump, RouteQuery.ALL, chunk));
        table.add("dev", "dev-gw-2", stream(dump, RouteQuery.ALL, chunk));
        List<RouteRow> rows = table.rows();

        assertThat(rows).hasSize(expected.size());
        for (Expected e : expected) {
            RouteRow row = rows.stream().filter(r -> r.routeConfig().equals(e.routeConfig())
                    && r.virtualHost().equals(e.virtualHost()) && r.match().equals(e.match())).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + e));
            assertThat(row.upstreams()).as("upstreams of %s", e).isEqualTo(e.upstreams());
            assertThat(row.domains()).isEqualTo(e.domains());
            assertThat(row.version()).isEqualTo(e.version());
            assertThat(row.action()).isEqualTo("route");
            assertThat(row.clusters()).containsExactly("dev");
            assertThat(row.gateways()).isEqualTo(Map.of("dev", List.of("dev-gw-1", "dev-gw-2")));
            assertThat(row.differs()).isNull();
            assertThat(row.variants()).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"higress-hgctl-in.all.config_dump.json", "istio-echo-envoy-1.13-large.config_dump.json"})
    void twoRealDumpsOfOneClusterDifferBetweenItsGateways(String fixture) throws Exception {
        byte[] dump = Fixtures.envoyBytes(fixture);
        byte[] other = Fixtures.envoyBytes(fixture.startsWith("higress") ? "istio-echo-envoy-1.13-large.config_dump.json"
                : "higress-hgctl-in.all.config_dump.json");
        RouteTable table = new RouteTable();
        table.add("dev", "dev-gw-1", stream(dump, RouteQuery.ALL, 4096));
        table.add("dev", "dev-gw-2", stream(other, RouteQuery.ALL, 4096));
        List<RouteRow> rows = table.rows();
        assertThat(rows).hasSize(42);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.differs()).containsExactly("gateways");
            assertThat(r.differences()).containsExactly(new RouteRow.Difference("gateways", "dev", List.of("presence")));
            assertThat(r.variants()).hasSize(2);
            assertThat(r.variants()).filteredOn(v -> Boolean.TRUE.equals(v.missing())).singleElement()
                    .satisfies(v -> assertThat(v.gateways().get("dev")).hasSize(1));
        });
    }
}
