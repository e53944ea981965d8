package io.higress.fleet.resources.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.RequestReader;
import io.higress.fleet.resources.RouteSpec;
import io.higress.fleet.upstream.console.ConsoleJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade models ⇄ the console's bodies, without HTTP. */
class ConsoleMappingTest {
    static final String ROUTE = """
            {"name":"example-route","domain":["example.com"],"paths":["/api/*"],
             "serviceName":"example-service","servicePort":8080}""";
    static final String PLUGIN = """
            {"name":"ai-proxy","type":"WasmPlugin","phase":"DEFAULT","priority":300,
             "config":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],"endpoint":"https://api.openai.com/v1"}]}}""";
    static final String BRIDGE = """
            {"name":"nacos-bridge","nacos":[{"name":"nacos-prod","address":"nacos-prod.example.com:8848","namespaceId":"prod"}]}""";

    final ConsoleRouteMapping routes = new ConsoleRouteMapping("higress-system");

    static JsonNode json(String s) throws Exception {
        return ConsoleJson.MAPPER.readTree(s);
    }

    @Test
    void briefRouteBecomesAPrefixRouteToTheQualifiedKubernetesService() throws Exception {
        RouteSpec spec = RequestReader.read(ROUTE, RouteSpec.class);
        assertThat((JsonNode) routes.toConsole(spec)).isEqualTo(json("""
                {"name":"example-route","domains":["example.com"],
                 "path":{"matchType":"PRE","matchValue":"/api","caseSensitive":true},
                 "services":[{"name":"example-service.higress-system.svc.cluster.local","port":8080,"weight":100}]}"""));
        assertThat(routes.fromConsole(routes.toConsole(spec))).isEqualTo(spec);
    }

    @Test
    void exactPathsRootPrefixRegistryServicesAndOtherNamespacesRoundTrip() {
        RouteSpec exact = new RouteSpec("r", List.of(), List.of("/exact"), "test2-svc.dns", 443, null);
        assertThat(routes.toConsole(exact).path("path").path("matchType").asText()).isEqualTo("EQUAL");
        assertThat(routes.toConsole(exact).path("services").path(0).path("name").asText()).isEqualTo("test2-svc.dns");
        assertThat(routes.fromConsole(routes.toConsole(exact))).isEqualTo(exact);

        RouteSpec root = new RouteSpec("r", List.of("a.com"), List.of("/*"), "svc", 80, "team-a");
        assertThat(routes.toConsole(root).path("path").path("matchValue").asText()).isEqualTo("/");
        assertThat(routes.toConsole(root).path("services").path(0).path("name").asText())
                .isEqualTo("svc.team-a.svc.cluster.local");
        assertThat(routes.fromConsole(routes.toConsole(root))).isEqualTo(root);
    }

    @Test
    void moreThanOnePathIsRefusedRatherThanDropped() {
        RouteSpec two = new RouteSpec("r", List.of(), List.of("/a/*", "/b"), "svc", 80, null);
        assertThatThrownBy(() -> routes.toConsole(two)).isInstanceOf(ProblemException.class)
                .satisfies(t -> assertThat(((ProblemException) t).problem().status()).isEqualTo(400));
    }

    @Test
    void briefPluginBecomesAGlobalInstanceWithItsConfig() throws Exception {
        PluginSpec p = RequestReader.read(PLUGIN, PluginSpec.class);
        assertThat((JsonNode) new ConsolePluginMapping().instance(p.name(), true, p.config())).isEqualTo(json("""
                {"scope":"GLOBAL","pluginName":"ai-proxy","enabled":true,
                 "configurations":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],
                                                "endpoint":"https://api.openai.com/v1"}]}}"""));
    }

    @Test
    void customPluginUrlSplitsIntoRepositoryAndTag() throws Exception {
        PluginSpec p = new PluginSpec("my-plugin", "WasmPlugin", "AUTHN", 10, Map.of(),
                "oci://registry.example.com:5000/plugins/my-plugin:2.0.1", null, true, null);
        JsonNode d = new ConsolePluginMapping().definition(p);
        assertThat(d.path("imageRepository").asText()).isEqualTo("oci://registry.example.com:5000/plugins/my-plugin");
        assertThat(d.path("imageVersion").asText()).isEqualTo("2.0.1");
        assertThat(d.path("phase").asText()).isEqualTo("AUTHN");
        assertThat(new ConsolePluginMapping().fromConsole(d, json("{\"enabled\":true}")).url()).isEqualTo(p.url());
    }

    @Test
    void briefBridgeBecomesOneNacosServiceSource() throws Exception {
        McpBridgeSpec b = RequestReader.read(BRIDGE, McpBridgeSpec.class);
        List<com.fasterxml.jackson.databind.node.ObjectNode> sources = new ConsoleSourceMapping().toConsole(b);
        assertThat(sources).hasSize(1);
        assertThat((JsonNode) sources.get(0)).isEqualTo(json("""
                {"name":"nacos-prod","type":"nacos2","domain":"nacos-prod.example.com","port":8848,
                 "properties":{"nacosNamespaceId":"prod"}}"""));
        McpBridgeSpec back = new ConsoleSourceMapping().fromConsole("default", List.copyOf(sources));
        assertThat(back.nacos()).containsExactly(new McpBridgeSpec.Nacos("nacos-prod", "nacos-prod.example.com:8848",
                "prod", "nacos2", null));
    }

    @Test
    void staticAndDnsRegistriesKeepTheirNames() {
        McpBridgeSpec b = new McpBridgeSpec("b", null, null,
                List.of(new McpBridgeSpec.Static("fixed", List.of("10.0.0.1:80", "10.0.0.2:80"), null)),
                List.of(new McpBridgeSpec.Dns("test2-svc", "example.org", 443, "https")), null);
        List<com.fasterxml.jackson.databind.node.ObjectNode> sources = new ConsoleSourceMapping().toConsole(b);
        assertThat(sources).extracting(s -> s.path("name").asText() + " " + s.path("type").asText() + " "
                + s.path("domain").asText() + ":" + s.path("port").asInt())
                .containsExactly("fixed static 10.0.0.1:80,10.0.0.2:80:80", "test2-svc dns example.org:443");
    }
}
