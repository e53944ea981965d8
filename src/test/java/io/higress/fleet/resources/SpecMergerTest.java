package io.higress.fleet.resources;

import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.mcpbridge.McpBridgeSpec;
import io.higress.fleet.resources.plugin.PluginSpec;
import io.higress.fleet.resources.route.RouteValidator;
import io.higress.fleet.resources.route.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PUT bodies merge onto the existing resource with RFC 7386 semantics. */
class SpecMergerTest {

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void briefDomainUpdateReplacesOnlyTheDomains() throws Exception {
        RouteSpec existing = RequestReader.read(ValidationTest.ROUTE, RouteSpec.class);
        RouteSpec merged = SpecMerger.merge(existing, json("{\"domain\":[\"new-example.com\"]}"), RouteSpec.class);
        assertThat(merged).isEqualTo(new RouteSpec("example-route", List.of("new-example.com"), List.of("/api/*"),
                "example-service", 8080, null));
        assertThat(existing.domain()).containsExactly("example.com");
    }

    @Test
    void nestedConfigMergesKeyByKeyAndNullRemoves() throws Exception {
        PluginSpec existing = RequestReader.read("""
                {"name":"p","url":"oci://r/p:1","priority":5,"config":{"a":1,"b":{"x":1,"y":2}}}""", PluginSpec.class);
        PluginSpec merged = SpecMerger.merge(existing,
                json("{\"config\":{\"b\":{\"y\":null,\"z\":3},\"c\":true},\"priority\":null,\"enabled\":false}"),
                PluginSpec.class);
        assertThat(merged.config()).isEqualTo(Map.of("a", 1, "b", Map.of("x", 1, "z", 3), "c", true));
        assertThat(merged.priority()).isNull();
        assertThat(merged.enabled()).isFalse();
        assertThat(merged.url()).isEqualTo("oci://r/p:1");
    }

    @Test
    void removingARequiredFieldIsCaughtByValidatingTheMergedResult() throws Exception {
        RouteSpec existing = RequestReader.read(ValidationTest.ROUTE, RouteSpec.class);
        RouteSpec merged = SpecMerger.merge(existing, json("{\"paths\":null,\"servicePort\":70000}"), RouteSpec.class);
        assertThat(new RouteValidator().validate(merged)).extracting(Problem.FieldError::field)
                .containsExactly("paths", "servicePort");
    }

    @Test
    void unknownFieldsWrongTypesAndIdentityChangesAre400() throws Exception {
        RouteSpec existing = RequestReader.read(ValidationTest.ROUTE, RouteSpec.class);
        assertThat(Problems.fields(Problems.thrownBy(() ->
                SpecMerger.merge(existing, json("{\"domains\":[\"x.com\"]}"), RouteSpec.class)))).containsExactly("domains");
        assertThat(Problems.fields(Problems.thrownBy(() ->
                SpecMerger.merge(existing, json("{\"servicePort\":\"80\"}"), RouteSpec.class)))).containsExactly("servicePort");
        assertThat(Problems.fields(Problems.thrownBy(() ->
                SpecMerger.merge(existing, json("{\"name\":\"other\"}"), RouteSpec.class)))).containsExactly("name");
        assertThat(Problems.fields(Problems.thrownBy(() ->
                SpecMerger.merge(existing, json("{\"namespace\":\"other\"}"), RouteSpec.class)))).containsExactly("namespace");
        assertThat(Problems.fields(Problems.thrownBy(() ->
                SpecMerger.merge(existing, json("[]"), RouteSpec.class)))).containsExactly("body");
        // Restating the same name is fine.
        assertThat(SpecMerger.merge(existing, json("{\"name\":\"example-route\"}"), RouteSpec.class)).isEqualTo(existing);
    }

    @Test
    void bridgeRegistriesAreReplacedAsAWholeList() throws Exception {
        McpBridgeSpec existing = RequestReader.read(TranslationTest.ALL_REGISTRIES, McpBridgeSpec.class);
        McpBridgeSpec merged = SpecMerger.merge(existing,
                json("{\"static\":null,\"nacos\":[{\"name\":\"n2\",\"address\":\"nacos:8848\"}]}"), McpBridgeSpec.class);
        assertThat(merged.staticRegistries()).isNull();
        assertThat(merged.nacos()).containsExactly(new McpBridgeSpec.Nacos("n2", "nacos:8848", null, null, null));
        assertThat(merged.dns()).isEqualTo(existing.dns());
    }

    @Test
    void mergePatchFollowsRfc7386Examples() throws Exception {
        // RFC 7386 §3 example.
        JsonNode target = json("{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},"
                + "\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}");
        JsonNode patch = json("{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\",\"author\":{\"familyName\":null},"
                + "\"tags\":[\"example\"]}");
        assertThat(MergePatch.apply(target, patch)).isEqualTo(json("{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},"
                + "\"tags\":[\"example\"],\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}"));
        assertThat(target.get("title").asText()).isEqualTo("Goodbye!");
        assertThat(MergePatch.apply(json("{\"a\":{\"b\":\"c\"}}"), json("{\"a\":{\"b\":\"d\",\"c\":null}}")))
                .isEqualTo(json("{\"a\":{\"b\":\"d\"}}"));
        assertThat(MergePatch.apply(json("{\"a\":\"foo\"}"), json("[\"bar\"]"))).isEqualTo(json("[\"bar\"]"));
    }
}
