package io.higress.fleet.resources.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.StoredObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** plugin ⇄ the console's definition and global instance, without HTTP. */
class ConsolePluginFormTest {
    static final String PLUGIN = """
            {"name":"ai-proxy","type":"WasmPlugin","phase":"DEFAULT","priority":300,
             "config":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],"endpoint":"https://api.openai.com/v1"}]}}""";

    final ConsolePluginForm form = new ConsolePluginForm(PluginImages.defaults());

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    static StoredObject builtIn(String name) throws Exception {
        return new StoredObject(ConsolePluginForm.DEFINITIONS.address(name), (ObjectNode) json("""
                {"name":"%s","builtIn":true,"version":null,"imageRepository":"oci://r/plugins/%s",
                 "imageVersion":"2.0.1","phase":"UNSPECIFIED_PHASE","priority":100}""".formatted(name, name)), null);
    }

    @Test
    void briefPluginOnABuiltInIsItsGlobalInstanceWithItsConfig() throws Exception {
        PluginSpec p = RequestReader.read(PLUGIN, PluginSpec.class);
        List<Part> parts = form.parts(p, "ns", Copy.absent("ns", "ai-proxy", List.of(builtIn("ai-proxy"))));
        assertThat(parts).extracting(Part::label).containsExactly("instance");
        assertThat((JsonNode) parts.get(0).body()).isEqualTo(json("""
                {"scope":"GLOBAL","pluginName":"ai-proxy","enabled":true,
                 "configurations":{"services":[{"provider":"openai","api_tokens":["sk-xxx"],
                                                "endpoint":"https://api.openai.com/v1"}]}}"""));
    }

    @Test
    void customPluginUrlSplitsIntoRepositoryAndTagWithTheCategoryAndTitleTheConsoleRequires() throws Exception {
        PluginSpec p = new PluginSpec("my-plugin", "WasmPlugin", "AUTHN", 10, Map.of(),
                "oci://registry.example.com:5000/plugins/my-plugin:2.0.1", null, true, null);
        List<Part> parts = form.parts(p, "ns", Copy.absent("ns", "my-plugin", List.of()));
        assertThat(parts).extracting(Part::label).containsExactly("definition", "instance");
        JsonNode d = parts.get(0).body();
        assertThat(d.path("imageRepository").asText()).isEqualTo("oci://registry.example.com:5000/plugins/my-plugin");
        assertThat(d.path("imageVersion").asText()).isEqualTo("2.0.1");
        assertThat(d.path("phase").asText()).isEqualTo("AUTHN");
        assertThat(d.path("category").asText()).isEqualTo("custom");
        assertThat(d.path("title").asText()).isEqualTo("my-plugin");
        assertThat(ConsolePluginForm.fromConsole(d, json("{\"enabled\":true}")).url()).isEqualTo(p.url());
    }

    @Test
    void aPluginTheConsoleDoesNotHaveNeedsAUrlAndMatchRulesAreRefused() throws Exception {
        PluginSpec unknown = new PluginSpec("nope", "WasmPlugin", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> form.parts(unknown, "ns", Copy.absent("ns", "nope", List.of())))
                .isInstanceOf(ProblemException.class)
                .satisfies(t -> assertThat(((ProblemException) t).problem().status()).isEqualTo(400));
        PluginSpec rules = new PluginSpec("ai-proxy", null, null, null, null, null,
                List.of(new PluginSpec.MatchRule(null, List.of("a.com"), null, Map.of(), null)), null, null);
        assertThatThrownBy(() -> form.parts(rules, "ns", Copy.absent("ns", "ai-proxy", List.of(builtIn("ai-proxy")))))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void theConsolesUnspecifiedPhaseReadsAsTheBriefsDefault() throws Exception {
        assertThat(ConsolePluginForm.fromConsole(builtIn("ai-proxy").body(), null).phase()).isEqualTo("DEFAULT");
    }
}
