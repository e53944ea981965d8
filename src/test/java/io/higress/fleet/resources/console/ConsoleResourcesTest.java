package io.higress.fleet.resources.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.RequestReader;
import io.higress.fleet.resources.RouteSpec;
import io.higress.fleet.resources.SpecMerger;
import io.higress.fleet.sim.console.RecordedRequest;
import io.higress.fleet.upstream.console.ConsoleHarness;
import io.higress.fleet.upstream.console.ConsoleJson;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The brief's §3.2 sequence on a console-managed cluster: the console requests it causes and the answers. */
class ConsoleResourcesTest {
    ConsoleHarness h;
    ConsoleResources resources;

    @BeforeEach
    void start() {
        h = new ConsoleHarness("s3cret-pw", 100);
        resources = new HigressConsoleResources(h.client, h.config);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static <T> T await(Uni<T> u) {
        return u.await().atMost(Duration.ofSeconds(10));
    }

    static JsonNode json(String s) throws Exception {
        return ConsoleJson.MAPPER.readTree(s);
    }

    static int status(Throwable t) {
        return ((ProblemException) t).problem().status();
    }

    List<String> writes() {
        return h.console.writes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void briefRouteSequence() throws Exception {
        RouteSpec route = RequestReader.read(ConsoleMappingTest.ROUTE, RouteSpec.class);
        ConsoleWrite created = await(resources.applyRoute(h.cluster, route, null));
        assertThat(created.status()).isEqualTo(WriteStatus.CREATED);
        assertThat(created.resourceVersion()).isEqualTo(h.console.route("example-route").path("version").asText());
        RecordedRequest post = h.console.writes().get(0);
        assertThat(post.method() + " " + post.path()).isEqualTo("POST /v1/routes");
        assertThat(json(post.body())).isEqualTo(json("""
                {"name":"example-route","domains":["example.com"],
                 "path":{"matchType":"PRE","matchValue":"/api","caseSensitive":true},
                 "services":[{"name":"example-service.higress-system.svc.cluster.local","port":8080,"weight":100}]}"""));

        assertThat(await(resources.applyRoute(h.cluster, route, null)).status()).isEqualTo(WriteStatus.UNCHANGED);

        // PUT {"domain":["new-example.com"]}: the REST layer merges onto what it read, then writes with that version.
        Versioned<RouteSpec> read = await(resources.getRoute(h.cluster, "example-route"));
        assertThat(read.spec()).isEqualTo(route);
        RouteSpec merged = SpecMerger.merge(read.spec(), json("{\"domain\":[\"new-example.com\"]}"), RouteSpec.class);
        ConsoleWrite updated = await(resources.applyRoute(h.cluster, merged, read.resourceVersion()));
        assertThat(updated.status()).isEqualTo(WriteStatus.UPDATED);
        assertThat(updated.resourceVersion()).isNotEqualTo(read.resourceVersion());
        RecordedRequest put = h.console.writes().get(1);
        assertThat(put.method() + " " + put.path()).isEqualTo("PUT /v1/routes/example-route");
        assertThat(json(put.body()).path("domains")).isEqualTo(json("[\"new-example.com\"]"));
        assertThat(json(put.body()).path("version").asText()).isEqualTo(read.resourceVersion());

        assertThat(await(resources.listRoutes(h.cluster))).extracting(v -> v.spec().domain())
                .containsExactly(List.of("new-example.com"));

        assertThat(await(resources.deleteRoute(h.cluster, "example-route")))
                .isEqualTo(new ConsoleWrite("example-route", WriteStatus.DELETED, null));
        assertThat(writes()).containsExactly("POST /v1/routes", "PUT /v1/routes/example-route",
                "DELETE /v1/routes/example-route");
        assertThatThrownBy(() -> await(resources.getRoute(h.cluster, "example-route")))
                .satisfies(t -> assertThat(status(t)).isEqualTo(404));
    }

    @Test
    void aStaleExpectedVersionIsA409AndTheConsoleOnlyFieldsSurviveAnUpdate() throws Exception {
        RouteSpec route = RequestReader.read(ConsoleMappingTest.ROUTE, RouteSpec.class);
        String v1 = await(resources.applyRoute(h.cluster, route, null)).resourceVersion();
        var current = h.console.route("example-route");
        current.putArray("methods").add("GET");
        h.console.seedRoute(current);   // someone edits it in the console UI: new version

        RouteSpec moved = new RouteSpec("example-route", List.of("x.com"), route.paths(), "example-service", 8080, null);
        assertThatThrownBy(() -> await(resources.applyRoute(h.cluster, moved, v1)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(409))
                .satisfies(t -> assertThat(((ProblemException) t).problem().hint()).contains("re-read"));

        await(resources.applyRoute(h.cluster, moved, null));
        assertThat(h.console.route("example-route").path("methods")).isEqualTo(json("[\"GET\"]"));
        assertThat(h.console.route("example-route").path("domains")).isEqualTo(json("[\"x.com\"]"));
    }

    @Test
    void briefPluginConfiguresTheBuiltInsGlobalInstanceAndEnableDisableFlipsIt() throws Exception {
        PluginSpec plugin = RequestReader.read(ConsoleMappingTest.PLUGIN, PluginSpec.class);
        ConsoleWrite created = await(resources.applyPlugin(h.cluster, plugin));
        assertThat(created.status()).isEqualTo(WriteStatus.CREATED);
        assertThat(writes()).containsExactly("PUT /v1/global/plugin-instances/ai-proxy");
        assertThat(json(h.console.writes().get(0).body())).isEqualTo(json("""
                {"scope":"GLOBAL","pluginName":"ai-proxy","enabled":true,
                 "configurations":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],
                                                "endpoint":"https://api.openai.com/v1"}]}}"""));
        assertThat(await(resources.applyPlugin(h.cluster, plugin)).status()).isEqualTo(WriteStatus.UNCHANGED);

        assertThat(await(resources.setPluginEnabled(h.cluster, "ai-proxy", false)).status())
                .isEqualTo(WriteStatus.UPDATED);
        assertThat(h.console.instance("ai-proxy").path("enabled").asBoolean()).isFalse();
        assertThat(h.console.instance("ai-proxy").path("configurations").path("services")).hasSize(1);
        assertThat(await(resources.setPluginEnabled(h.cluster, "ai-proxy", false)).status())
                .isEqualTo(WriteStatus.UNCHANGED);

        Versioned<PluginSpec> read = await(resources.getPlugin(h.cluster, "ai-proxy"));
        assertThat(read.spec().enabled()).isFalse();
        assertThat(read.spec().config()).isEqualTo(plugin.config());
        assertThat(await(resources.listPlugins(h.cluster))).extracting(v -> v.spec().name()).containsExactly("ai-proxy");

        await(resources.deletePlugin(h.cluster, "ai-proxy"));
        assertThat(writes()).endsWith("DELETE /v1/global/plugin-instances/ai-proxy");
        assertThat(h.console.plugin("ai-proxy")).isNotNull();
    }

    @Test
    void aCustomPluginGetsItsDefinitionThenItsInstance() {
        PluginSpec custom = new PluginSpec("my-plugin", "WasmPlugin", "AUTHN", 10, java.util.Map.of("k", "v"),
                "oci://registry.example.com/plugins/my-plugin:2.0.1", null, null, null);
        assertThat(await(resources.applyPlugin(h.cluster, custom)).status()).isEqualTo(WriteStatus.CREATED);
        assertThat(writes()).containsExactly("POST /v1/wasm-plugins", "PUT /v1/global/plugin-instances/my-plugin");
        assertThat(await(resources.getPlugin(h.cluster, "my-plugin")).spec().url()).isEqualTo(custom.url());

        await(resources.deletePlugin(h.cluster, "my-plugin"));
        assertThat(writes()).endsWith("DELETE /v1/global/plugin-instances/my-plugin", "DELETE /v1/wasm-plugins/my-plugin");
        assertThat(h.console.plugin("my-plugin")).isNull();
    }

    @Test
    void aPluginWithoutUrlThatIsNotBuiltInIsA400BeforeAnyWrite() {
        PluginSpec unknown = new PluginSpec("nope", "WasmPlugin", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> await(resources.applyPlugin(h.cluster, unknown)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(400));
        assertThat(h.console.writes()).isEmpty();
    }

    @Test
    void briefBridgeBecomesOneServiceSourcePerRegistry() throws Exception {
        McpBridgeSpec bridge = RequestReader.read(ConsoleMappingTest.BRIDGE, McpBridgeSpec.class);
        List<ConsoleWrite> written = await(resources.applyBridge(h.cluster, bridge));
        assertThat(written).extracting(ConsoleWrite::name, ConsoleWrite::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nacos-prod", WriteStatus.CREATED));
        assertThat(writes()).containsExactly("POST /v1/service-sources");
        assertThat(json(h.console.writes().get(0).body())).isEqualTo(json("""
                {"name":"nacos-prod","type":"nacos2","domain":"nacos-prod.example.com","port":8848,
                 "properties":{"nacosNamespaceId":"prod"}}"""));

        assertThat(await(resources.applyBridge(h.cluster, bridge))).extracting(ConsoleWrite::status)
                .containsExactly(WriteStatus.UNCHANGED);
        McpBridgeSpec read = await(resources.getBridge(h.cluster));
        assertThat(read.name()).isEqualTo("default");
        assertThat(read.nacos()).extracting(McpBridgeSpec.Nacos::name).containsExactly("nacos-prod");

        await(resources.deleteRegistries(h.cluster, List.of("nacos-prod")));
        assertThat(h.console.source("nacos-prod")).isNull();
    }
}
