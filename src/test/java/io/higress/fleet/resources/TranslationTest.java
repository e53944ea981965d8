package io.higress.fleet.resources;

import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.mcpbridge.McpBridgeTranslator;
import io.higress.fleet.resources.mcpbridge.McpBridgeSpec;
import io.higress.fleet.resources.plugin.PluginImages;
import io.higress.fleet.resources.plugin.PluginTranslator;
import io.higress.fleet.resources.plugin.PluginSpec;
import io.higress.fleet.resources.route.RouteTranslator;
import io.higress.fleet.resources.route.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The brief's three bodies become exactly these objects, and read back to the same facade models. */
class TranslationTest {
    static final String NS = "higress-system";
    final RouteTranslator routes = new RouteTranslator(NS);
    final PluginTranslator plugins = new PluginTranslator(NS, PluginImages.defaults());
    final McpBridgeTranslator bridges = new McpBridgeTranslator(NS);

    static JsonNode yaml(String s) throws Exception {
        return new YAMLMapper().readTree(s);
    }

    @Test
    void briefRouteBecomesHigressIngress() throws Exception {
        Ingress ing = routes.toIngress(RequestReader.read(ValidationTest.ROUTE, RouteSpec.class));
        assertThat(Json.tree(ing)).isEqualTo(yaml("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: example-route
                  namespace: higress-system
                  labels: {app.kubernetes.io/managed-by: higress-fleet}
                spec:
                  ingressClassName: higress
                  rules:
                  - host: example.com
                    http:
                      paths:
                      - path: /api
                        pathType: Prefix
                        backend: {service: {name: example-service, port: {number: 8080}}}
                """));
    }

    @Test
    void routeHasOneRulePerDomainExactPathsAndRequestNamespace() {
        RouteSpec r = new RouteSpec("r", java.util.List.of("a.com", "*.b.com"), java.util.List.of("/*", "/exact"),
                "svc", 80, "team-a");
        Ingress ing = routes.toIngress(r);
        assertThat(ing.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(ing.getSpec().getRules()).extracting(x -> x.getHost()).containsExactly("a.com", "*.b.com");
        for (var rule : ing.getSpec().getRules()) {
            assertThat(rule.getHttp().getPaths()).extracting(p -> p.getPath() + " " + p.getPathType())
                    .containsExactly("/ Prefix", "/exact Exact");
        }
        assertThat(routes.fromIngress(ing)).isEqualTo(r);
    }

    @Test
    void hostlessRouteHasOneRuleWithoutHost() {
        RouteSpec r = new RouteSpec("r", null, java.util.List.of("/x"), "svc", 80, null);
        Ingress ing = routes.toIngress(r);
        assertThat(ing.getSpec().getRules()).singleElement().satisfies(x -> assertThat(x.getHost()).isNull());
        assertThat(routes.fromIngress(ing).domain()).isEmpty();
        assertThat(Json.tree(routes.toIngress(routes.fromIngress(ing)))).isEqualTo(Json.tree(ing));
    }

    @Test
    void briefPluginBecomesWasmPluginWithBuiltInImage() throws Exception {
        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class));
        assertThat(Json.tree(wp)).isEqualTo(yaml("""
                apiVersion: extensions.higress.io/v1alpha1
                kind: WasmPlugin
                metadata:
                  name: ai-proxy
                  namespace: higress-system
                  labels: {app.kubernetes.io/managed-by: higress-fleet}
                spec:
                  url: oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/ai-proxy:1.0.0
                  phase: UNSPECIFIED_PHASE
                  priority: 300
                  defaultConfig:
                    services:
                    - {provider: openai, api_tokens: [sk-xxx], endpoint: "https://api.openai.com/v1"}
                  defaultConfigDisable: false
                """));
    }

    @Test
    void enableAndDisableFlipDefaultConfigDisable() {
        PluginSpec p = RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class);
        assertThat((Object) plugins.toWasmPlugin(p.withEnabled(false)).get("spec", "defaultConfigDisable")).isEqualTo(true);
        assertThat((Object) plugins.toWasmPlugin(p.withEnabled(true)).get("spec", "defaultConfigDisable")).isEqualTo(false);
        assertThat(plugins.fromWasmPlugin(plugins.toWasmPlugin(p.withEnabled(false))).enabled()).isFalse();
    }

    @Test
    void explicitUrlMatchRulesAndConfiguredImagesAreWritten() {
        PluginImages pinned = new PluginImages("oci://mirror.local/plugins", "2.0.0", PluginImages.BUILT_INS,
                Map.of("key-auth", "oci://mirror.local/custom/key-auth:9"));
        PluginTranslator t = new PluginTranslator(NS, pinned);
        assertThat((Object) t.toWasmPlugin(named("ai-proxy", null)).get("spec", "url"))
                .isEqualTo("oci://mirror.local/plugins/ai-proxy:2.0.0");
        assertThat((Object) t.toWasmPlugin(named("key-auth", null)).get("spec", "url"))
                .isEqualTo("oci://mirror.local/custom/key-auth:9");
        assertThat((Object) t.toWasmPlugin(named("mine", "https://x.io/mine.wasm")).get("spec", "url"))
                .isEqualTo("https://x.io/mine.wasm");
        assertThatThrownBy(() -> t.toWasmPlugin(named("mine", null))).isInstanceOf(IllegalArgumentException.class);

        String json = """
                {"name":"basic-auth","phase":"AUTHN","config":{"consumers":[{"name":"c1","credential":"a:b"}]},
                 "matchRules":[{"ingress":["default/foo"],"config":{"allow":["c1"]},"configDisable":false},
                               {"domain":["*.example.com"],"configDisable":true}]}""";
        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(json, PluginSpec.class));
        assertThat(Json.tree(wp).at("/spec/matchRules").toString()).isEqualTo(
                "[{\"ingress\":[\"default/foo\"],\"config\":{\"allow\":[\"c1\"]},\"configDisable\":false},"
                        + "{\"domain\":[\"*.example.com\"],\"configDisable\":true}]");
        assertThat(Json.tree(wp).at("/spec/phase").asText()).isEqualTo("AUTHN");
        assertThat(Json.tree(wp).has("priority")).isFalse();
    }

    @Test
    void briefBridgeBecomesMcpBridge() throws Exception {
        GenericKubernetesResource b = bridges.toMcpBridge(RequestReader.read(ValidationTest.BRIDGE, McpBridgeSpec.class));
        assertThat(Json.tree(b)).isEqualTo(yaml("""
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata:
                  name: nacos-bridge
                  namespace: higress-system
                  labels: {app.kubernetes.io/managed-by: higress-fleet}
                spec:
                  registries:
                  - {type: nacos2, name: nacos-prod, domain: nacos-prod.example.com, port: 8848, nacosNamespaceId: prod,
                     nacosGroups: [DEFAULT_GROUP]}
                """));
    }

    static final String ALL_REGISTRIES = """
            {"name":"all","namespace":"edge",
             "nacos":[{"name":"n1","address":"10.0.0.5","type":"nacos","groups":["DEFAULT_GROUP","g2"]}],
             "consul":[{"name":"c1","address":"consul.svc:8501","datacenter":"dc1","serviceTag":"higress"}],
             "static":[{"name":"s1","addresses":["10.0.0.1:8080","10.0.0.2:8080"],"protocol":"http"}],
             "dns":[{"name":"d1","domain":"backend.svc.cluster.local","port":8080}]}""";

    @Test
    void everyRegistryTypeMapsToHigressFields() throws Exception {
        GenericKubernetesResource b = bridges.toMcpBridge(RequestReader.read(ALL_REGISTRIES, McpBridgeSpec.class));
        assertThat(Json.tree(b).get("spec")).isEqualTo(yaml("""
                registries:
                - {type: nacos, name: n1, domain: 10.0.0.5, port: 8848, nacosGroups: [DEFAULT_GROUP, g2]}
                - {type: consul, name: c1, domain: consul.svc, port: 8501, consulDatacenter: dc1, consulServiceTag: higress}
                - {type: static, name: s1, domain: "10.0.0.1:8080,10.0.0.2:8080", port: 80, protocol: http}
                - {type: dns, name: d1, domain: backend.svc.cluster.local, port: 8080}
                """));
        assertThat(b.getMetadata().getNamespace()).isEqualTo("edge");
    }

    @Test
    void reverseMappingRoundTripsWhatTheFacadeWrites() {
        RouteSpec route = RequestReader.read(ValidationTest.ROUTE, RouteSpec.class);
        Ingress ing = routes.toIngress(route);
        assertThat(routes.fromIngress(ing)).isEqualTo(new RouteSpec("example-route", java.util.List.of("example.com"),
                java.util.List.of("/api/*"), "example-service", 8080, NS));
        assertThat(Json.tree(routes.toIngress(routes.fromIngress(ing)))).isEqualTo(Json.tree(ing));

        PluginSpec plugin = RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class);
        GenericKubernetesResource wp = plugins.toWasmPlugin(plugin);
        PluginSpec back = plugins.fromWasmPlugin(wp);
        assertThat(back).as("the brief's DEFAULT reads back as sent").isEqualTo(new PluginSpec("ai-proxy", "WasmPlugin", "DEFAULT", 300, plugin.config(),
                "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/ai-proxy:1.0.0", null, true, NS));
        assertThat(Json.tree(plugins.toWasmPlugin(back))).isEqualTo(Json.tree(wp));

        McpBridgeSpec bridge = RequestReader.read(ALL_REGISTRIES, McpBridgeSpec.class);
        GenericKubernetesResource mb = bridges.toMcpBridge(bridge);
        McpBridgeSpec bb = bridges.fromMcpBridge(mb);
        assertThat(bb.nacos().get(0).address()).isEqualTo("10.0.0.5:8848");
        assertThat(bb.staticRegistries().get(0).addresses()).containsExactly("10.0.0.1:8080", "10.0.0.2:8080");
        assertThat(bb.consul()).containsExactly(bridge.consul().get(0));
        assertThat(bb.dns()).containsExactly(bridge.dns().get(0));
        assertThat(Json.tree(bridges.toMcpBridge(bb))).isEqualTo(Json.tree(mb));
    }

    @Test
    void reverseMappingSurvivesAYamlTripThroughTheApiServerShape() throws Exception {
        // What a client reads back has integers as whatever the YAML/JSON parser chose; the model must not care.
        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class));
        GenericKubernetesResource read = new YAMLMapper().readValue(new YAMLMapper().writeValueAsString(wp),
                GenericKubernetesResource.class);
        assertThat(plugins.fromWasmPlugin(read)).isEqualTo(plugins.fromWasmPlugin(wp));
    }

    private static PluginSpec named(String name, String url) {
        return new PluginSpec(name, null, null, null, null, url, null, null, null);
    }
}
