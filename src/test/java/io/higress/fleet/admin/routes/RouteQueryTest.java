package io.higress.fleet.admin.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.admin.configdump.MalformedConfigDumpException;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host and path filters pick what Envoy would: virtual host by domain rank, routes in order to the first sure match. */
class RouteQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Route config {@code rc1}: virtual hosts by domain kind; {@code rc2}: Higress's shape, one {@code *} host. */
    static byte[] dump() throws Exception {
        ObjectNode rc1 = JSON.createObjectNode().put("name", "rc1");
        ArrayNode hosts = rc1.putArray("virtual_hosts");
        host(hosts, "exact", List.of("api.example.com", "api.example.com:8080"),
                route(JSON.createObjectNode().put("prefix", "/v1").put("case_sensitive", false), "c-v1"),
                route(JSON.createObjectNode().put("path", "/exact"), "c-exact"),
                route((ObjectNode) JSON.createObjectNode().set("safe_regex", JSON.createObjectNode()
                        .put("regex", "/re/[0-9]+")), "c-re"),
                route(JSON.createObjectNode().put("path_separated_prefix", "/sep"), "c-sep"),
                weighted(JSON.createObjectNode().put("prefix", "/"), "c-root-a", 90, "c-root-b", 10),
                route(JSON.createObjectNode().put("prefix", "/never"), "c-never"));
        host(hosts, "suffix", List.of("*.example.com"), route(JSON.createObjectNode().put("prefix", "/"), "c-suffix"));
        host(hosts, "prefix", List.of("api.*"), route(JSON.createObjectNode().put("prefix", "/"), "c-prefix"));
        ObjectNode rc2 = JSON.createObjectNode().put("name", "rc2");
        host(rc2.putArray("virtual_hosts"), "all", List.of("*"),
                route(header(JSON.createObjectNode().put("prefix", "/"), ":authority", "www.example.com"), "c-www"),
                route(header(JSON.createObjectNode().put("prefix", "/"), "x-canary", "1"), "c-canary"),
                route(JSON.createObjectNode().put("prefix", "/"), "c-default"));
        ObjectNode dump = JSON.createObjectNode();
        ObjectNode routes = dump.putArray("configs").addObject()
                .put("@type", "type.googleapis.com/envoy.admin.v3.RoutesConfigDump");
        ArrayNode dynamic = routes.putArray("dynamic_route_configs");
        dynamic.addObject().put("version_info", "v7").set("route_config", rc1);
        // camelCase field names (proto3 JSON's other spelling) are read the same
        dynamic.addObject().put("versionInfo", "v8").set("routeConfig",
                JSON.readTree(JSON.writeValueAsString(rc2).replace("virtual_hosts", "virtualHosts")));
        return JSON.writeValueAsBytes(dump);
    }

    private static void host(ArrayNode hosts, String name, List<String> domains, ObjectNode... routes) {
        ObjectNode vh = hosts.addObject().put("name", name);
        domains.forEach(vh.putArray("domains")::add);
        ArrayNode r = vh.putArray("routes");
        for (ObjectNode route : routes) {
            r.add(route);
        }
    }

    private static ObjectNode route(ObjectNode match, String cluster) {
        ObjectNode route = JSON.createObjectNode().put("name", cluster + "-route");
        route.set("match", match);
        route.putObject("route").put("cluster", cluster).put("timeout", "0s");
        // skipped by the capture, however large
        route.putObject("typed_per_filter_config").putObject("envoy.filters.http.wasm").put("config", "x".repeat(10_000));
        return route;
    }

    private static ObjectNode weighted(ObjectNode match, String a, int wa, String b, int wb) {
        ObjectNode route = JSON.createObjectNode();
        route.set("match", match);
        ArrayNode clusters = route.putObject("route").putObject("weighted_clusters").putArray("clusters");
        clusters.addObject().put("name", a).put("weight", wa);
        clusters.addObject().put("name", b).put("weight", wb);
        return route;
    }

    private static ObjectNode header(ObjectNode match, String name, String exact) {
        match.putArray("headers").addObject().put("name", name).putObject("string_match").put("exact", exact);
        return match;
    }

    /** The first upstream of every row, in table order. */
    static List<String> clusters(String host, String path) throws Exception {
        RouteTable table = new RouteTable();
        table.add("dev", "gw", RouteTableFixturesTest.stream(dump(), RouteQuery.of(host, path), 11));
        return table.rows().stream().map(r -> r.upstreams().get(0).cluster()).toList();
    }

    @Test
    void aRegexThatWouldBacktrackForeverOnTheCallersPathMatchesNothingInsteadOfHoldingTheLoop() {
        // (a+)+b on 40 a's takes Java's backtracking engine ~2^40 steps; RE2 (Envoy) answers "no" at once
        assertThat(HostPattern.fullMatch("(a+)+b", "a".repeat(40))).isFalse();
        assertThat(HostPattern.fullMatch("(a+)+b", "aaab")).isTrue();
        assertThat(HostPattern.fullMatch("/v[0-9]+/.*", "/v2/users")).isTrue();
        assertThat(HostPattern.fullMatch("(unclosed", "(unclosed")).isFalse();
    }

    @Test
    void withoutFiltersEveryRouteIsARow() throws Exception {
        assertThat(clusters(null, null)).containsExactly("c-v1", "c-exact", "c-re", "c-sep", "c-root-a", "c-never",
                "c-prefix", "c-suffix", "c-www", "c-canary", "c-default");
        RouteTable table = new RouteTable();
        table.add("dev", "gw", RouteTableFixturesTest.stream(dump(), RouteQuery.ALL, 64));
        RouteRow root = table.rows().get(4);
        assertThat(root.upstreams()).containsExactly(new Upstream("c-root-a", 90, null), new Upstream("c-root-b", 10, null));
        assertThat(root.version()).isEqualTo("v7");
        assertThat(table.rows().get(10).version()).isEqualTo("v8");
        assertThat(table.rows().get(0).route()).isEqualTo("c-v1-route");
        assertThat(JSON.writeValueAsString(table.rows().get(0).match())).isEqualTo("{\"prefix\":\"/v1\",\"case_sensitive\":false}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // exact beats *.suffix and prefix.*; rc2's * host keeps the routes its :authority matcher allows
        "api.example.com;c-v1,c-exact,c-re,c-sep,c-root-a,c-never,c-canary,c-default",
        "API.Example.com;c-v1,c-exact,c-re,c-sep,c-root-a,c-never,c-canary,c-default",
        "api.example.com:8080;c-v1,c-exact,c-re,c-sep,c-root-a,c-never,c-canary,c-default",
        "www.example.com;c-suffix,c-www,c-canary,c-default",
        // a wildcard stands for at least one character: example.com is not *.example.com
        "example.com;c-canary,c-default",
        "api.other.org;c-prefix,c-canary,c-default"})
    void theHostPicksTheVirtualHostEnvoyWould(String host, String expected) throws Exception {
        assertThat(clusters(host, null)).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "/v1/users;c-v1", "/V1/Users;c-v1", "/exact;c-exact", "/exact?debug=1;c-exact", "/exact/more;c-root-a",
        "/re/42;c-re", "/re/4x;c-root-a", "/sep;c-sep", "/sep/a;c-sep", "/separate;c-root-a", "/never;c-root-a"})
    void thePathTakesTheFirstRouteThatMatches(String path, String expected) throws Exception {
        assertThat(clusters("api.example.com", path)).containsExactly(expected, "c-canary", "c-default");
    }

    @Test
    void aRouteWithOtherConditionsDoesNotEndTheSearch() throws Exception {
        assertThat(clusters("www.example.com", "/x")).containsExactly("c-suffix", "c-www");
        assertThat(clusters("shop.test", "/x")).containsExactly("c-canary", "c-default");
        assertThat(clusters(null, "/never/x")).containsExactly("c-root-a", "c-prefix", "c-suffix", "c-www");
    }

    @Test
    void aHostOrPathNoRequestCarriesIsA400NamingIt() {
        assertThatThrownBy(() -> RouteQuery.of("a b", null)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).singleElement().satisfies(f -> assertThat(((Problem.FieldError) f).field()).isEqualTo("host")));
        assertThatThrownBy(() -> RouteQuery.of("", null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> RouteQuery.of(null, "v1")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).singleElement().satisfies(f -> assertThat(((Problem.FieldError) f).field()).isEqualTo("path")));
    }

    @Test
    void aTruncatedDumpIsMalformed() throws Exception {
        byte[] dump = dump();
        byte[] cut = java.util.Arrays.copyOf(dump, dump.length / 2);
        assertThatThrownBy(() -> RouteTableFixturesTest.stream(cut, RouteQuery.ALL, 100))
                .isInstanceOf(MalformedConfigDumpException.class);
        assertThatThrownBy(() -> RouteTableFixturesTest.stream("[1]".getBytes(StandardCharsets.UTF_8), RouteQuery.ALL, 1))
                .isInstanceOf(MalformedConfigDumpException.class);
    }
}
