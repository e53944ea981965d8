package io.higress.fleet.resources;

import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.mcpbridge.McpBridgeValidator;
import io.higress.fleet.resources.mcpbridge.McpBridgeSpec;
import io.higress.fleet.resources.plugin.PluginImages;
import io.higress.fleet.resources.plugin.PluginValidator;
import io.higress.fleet.resources.plugin.PluginSpec;
import io.higress.fleet.resources.route.RouteValidator;
import io.higress.fleet.resources.route.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad body answers 400 naming exactly the bad field(s); the brief's bodies pass. */
class ValidationTest {
    static final String ROUTE = """
            {"name":"example-route","domain":["example.com"],"paths":["/api/*"],
             "serviceName":"example-service","servicePort":8080}""";
    static final String PLUGIN = """
            {"name":"ai-proxy","type":"WasmPlugin","phase":"DEFAULT","priority":300,
             "config":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],"endpoint":"https://api.openai.com/v1"}]}}""";
    static final String BRIDGE = """
            {"name":"nacos-bridge","nacos":[{"name":"nacos-prod","address":"nacos-prod.example.com:8848","namespaceId":"prod"}]}""";

    static List<FieldError> errors(String kind, String json) {
        return switch (kind) {
            case "route" -> new RouteValidator().validate(RequestReader.read(json, RouteSpec.class));
            case "plugin" -> new PluginValidator(PluginImages.defaults())
                    .validate(RequestReader.read(json, PluginSpec.class));
            default -> new McpBridgeValidator().validate(RequestReader.read(json, McpBridgeSpec.class));
        };
    }

    @Test
    void briefBodiesAreValid() {
        assertThat(errors("route", ROUTE)).isEmpty();
        assertThat(errors("plugin", PLUGIN)).isEmpty();
        assertThat(errors("bridge", BRIDGE)).isEmpty();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                // routes
                Arguments.of("route", "{\"domain\":[\"a.com\"],\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":80}", "name"),
                Arguments.of("route", ROUTE.replace("example-route", "Example_Route"), "name"),
                Arguments.of("route", ROUTE.replace("\"example-route\"", "\"r\",\"namespace\":\"Bad.NS\""), "namespace"),
                Arguments.of("route", ROUTE.replace("[\"example.com\"]", "[\"example.com\",\"bad host\"]"), "domain[1]"),
                Arguments.of("route", ROUTE.replace("[\"example.com\"]", "[\"a.com\",\"a.com\"]"), "domain[1]"),
                Arguments.of("route", ROUTE.replace("[\"example.com\"]", "[\"10.0.0.1\"]"), "domain[0]"),
                Arguments.of("route", ROUTE.replace("[\"example.com\"]", "[\"a.*.com\"]"), "domain[0]"),
                Arguments.of("route", ROUTE.replace("[\"/api/*\"]", "[\"api\"]"), "paths[0]"),
                Arguments.of("route", ROUTE.replace("[\"/api/*\"]", "[\"/a\",\"/api*\"]"), "paths[1]"),
                Arguments.of("route", ROUTE.replace("[\"/api/*\"]", "[\"/*/x\"]"), "paths[0]"),
                Arguments.of("route", ROUTE.replace("[\"/api/*\"]", "[]"), "paths"),
                Arguments.of("route", ROUTE.replace("8080", "0"), "servicePort"),
                Arguments.of("route", ROUTE.replace("8080", "65536"), "servicePort"),
                Arguments.of("route", ROUTE.replace("\"example-service\"", "\"Svc!\""), "serviceName"),
                // plugins
                Arguments.of("plugin", PLUGIN.replace("DEFAULT", "EARLY"), "phase"),
                Arguments.of("plugin", PLUGIN.replace("300", "1001"), "priority"),
                Arguments.of("plugin", PLUGIN.replace("300", "-1"), "priority"),
                Arguments.of("plugin", PLUGIN.replace("\"WasmPlugin\"", "\"LuaPlugin\""), "type"),
                Arguments.of("plugin", PLUGIN.replace("ai-proxy", "my-custom"), "url"),
                Arguments.of("plugin", PLUGIN.replace("\"priority\"", "\"url\":\"ftp://x/y\",\"priority\""), "url"),
                Arguments.of("plugin", PLUGIN.replace("\"priority\"", "\"matchRules\":[{\"domain\":[\"*.ok.com\",\"no pe\"]}],\"priority\""),
                        "matchRules[0].domain[1]"),
                Arguments.of("plugin", PLUGIN.replace("\"priority\"", "\"matchRules\":[{\"config\":{}}],\"priority\""), "matchRules[0]"),
                Arguments.of("plugin", PLUGIN.replace("\"priority\"", "\"matchRules\":[{\"ingress\":[\"ns/x/y\"]}],\"priority\""),
                        "matchRules[0].ingress[0]"),
                // bridges
                Arguments.of("bridge", "{\"name\":\"b\"}", "registries"),
                Arguments.of("bridge", BRIDGE.replace("nacos-prod.example.com:8848", "nacos:99999"), "nacos[0].address"),
                Arguments.of("bridge", BRIDGE.replace("nacos-prod.example.com:8848", "http://nacos:8848"), "nacos[0].address"),
                Arguments.of("bridge", BRIDGE.replace("\"namespaceId\"", "\"type\":\"nacos9\",\"namespaceId\""), "nacos[0].type"),
                Arguments.of("bridge", BRIDGE.replace("\"nacos-prod\"", "\"Nacos_Prod\""), "nacos[0].name"),
                Arguments.of("bridge", "{\"name\":\"b\",\"static\":[{\"name\":\"s\",\"addresses\":[\"1.2.3.4:80\",\"host:80\"]}]}",
                        "static[0].addresses[1]"),
                Arguments.of("bridge", "{\"name\":\"b\",\"static\":[{\"name\":\"s\",\"addresses\":[\"1.2.3.4\"]}]}",
                        "static[0].addresses[0]"),
                Arguments.of("bridge", "{\"name\":\"b\",\"dns\":[{\"name\":\"d\",\"domain\":\"x.com\",\"port\":0}]}", "dns[0].port"),
                Arguments.of("bridge", "{\"name\":\"b\",\"dns\":[{\"name\":\"d\",\"port\":80}]}", "dns[0].domain"),
                Arguments.of("bridge", "{\"name\":\"b\",\"consul\":[{\"name\":\"x\",\"address\":\"c:8500\"}],"
                        + "\"dns\":[{\"name\":\"x\",\"domain\":\"x.com\",\"port\":80}]}", "dns[0].name"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badBodies")
    void badBodyNamesTheField(String kind, String json, String field) {
        assertThat(errors(kind, json)).extracting(FieldError::field).containsExactly(field);
    }

    static Stream<Arguments> unbindableBodies() {
        return Stream.of(
                Arguments.of(RouteSpec.class, ROUTE.replace("\"servicePort\"", "\"servicePorts\""), "servicePorts", "unknown field"),
                Arguments.of(RouteSpec.class, ROUTE.replace("8080", "\"8080\""), "servicePort", "integer"),
                Arguments.of(RouteSpec.class, ROUTE.replace("[\"example.com\"]", "\"example.com\""), "domain", "array"),
                Arguments.of(PluginSpec.class, PLUGIN.replace("300", "\"300\""), "priority", "integer"),
                Arguments.of(PluginSpec.class, PLUGIN.replace("300", "1.5"), "priority", "integer"),
                Arguments.of(McpBridgeSpec.class, BRIDGE.replace("\"namespaceId\"", "\"namespaceID\""), "nacos[0].namespaceID",
                        "unknown field"),
                Arguments.of(McpBridgeSpec.class, "{\"name\":\"b\",\"eureka\":[]}", "eureka", "unknown field"),
                Arguments.of(RouteSpec.class, "[1]", "body", "object"),
                Arguments.of(RouteSpec.class, "{\"name\":", "body", "JSON"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unbindableBodies")
    void unknownFieldsAndWrongTypesAre400(Class<?> type, String json, String field, String message) {
        Problem p = Problems.thrownBy(() -> RequestReader.read(json, type));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).singleElement().isInstanceOfSatisfying(FieldError.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(message);
        });
    }

    @Test
    void allErrorsAreReportedTogetherAsOne400() {
        String json = "{\"name\":\"R\",\"domain\":[\"ok.com\",\"*bad\"],\"paths\":[\"x\"],\"serviceName\":\"s\",\"servicePort\":0}";
        Problem p = Problems.thrownBy(() -> new RouteValidator().check(RequestReader.read(json, RouteSpec.class)));
        assertThat(p.status()).isEqualTo(400);
        assertThat(Problems.fields(p)).containsExactly("name", "domain[1]", "paths[0]", "servicePort");
        assertThat(p.detail()).contains("domain[1]");
    }

    @Test
    void wildcardHostsAndHostlessRoutesAreAllowed() {
        assertThat(errors("route", ROUTE.replace("[\"example.com\"]", "[\"*.example.com\"]"))).isEmpty();
        assertThat(errors("route", ROUTE.replace("\"domain\":[\"example.com\"],", ""))).isEmpty();
        assertThat(errors("route", ROUTE.replace("[\"/api/*\"]", "[\"/*\",\"/exact\"]"))).isEmpty();
    }

    @Test
    void everyPhaseAndTheBoundsOfPriorityPass() {
        for (String phase : List.of("UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS", "DEFAULT")) {
            assertThat(errors("plugin", PLUGIN.replace("DEFAULT", phase))).as(phase).isEmpty();
        }
        assertThat(errors("plugin", PLUGIN.replace("300", "0"))).isEmpty();
        assertThat(errors("plugin", PLUGIN.replace("300", "1000"))).isEmpty();
    }

    @Test
    void customPluginWithUrlPasses() {
        String json = PLUGIN.replace("ai-proxy", "my-custom")
                .replace("\"priority\"", "\"url\":\"oci://reg.example.com/p/my-custom:1\",\"priority\"");
        assertThat(errors("plugin", json)).isEmpty();
    }
}
