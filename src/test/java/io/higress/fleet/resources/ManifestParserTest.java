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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.higress.fleet.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** POST /api/v1/manifests parsing and GET /api/v1/export, checked on every real Higress sample. */
class ManifestParserTest {
    final ManifestParser parser = new ManifestParser("higress-system");

    static Stream<Path> samples() {
        return Fixtures.samples().stream();
    }

    /** Independent count of the non-empty documents of a sample, to check nothing is dropped or invented. */
    static List<JsonNode> rawDocuments(String yaml) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode n = (JsonNode) it.nextValue();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void allSamplesAreFound() {
        assertThat(Fixtures.samples()).hasSize(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleParsesWithKindsNamesAndSpecsIntact(Path sample) throws Exception {
        String text = Fixtures.read(sample);
        List<JsonNode> raw = rawDocuments(text);
        List<GenericKubernetesResource> objects = parser.parse(text);
        assertThat(objects).hasSameSizeAs(raw);
        for (int i = 0; i < raw.size(); i++) {
            GenericKubernetesResource o = objects.get(i);
            assertThat(o.getKind()).isEqualTo(raw.get(i).get("kind").asText());
            assertThat(o.getApiVersion()).isEqualTo(raw.get(i).get("apiVersion").asText());
            assertThat(o.getMetadata().getName()).isEqualTo(raw.get(i).at("/metadata/name").asText());
            assertThat(o.getMetadata().getNamespace()).isEqualTo(raw.get(i).at("/metadata/namespace").asText());
            assertThat(Json.tree(o).get("spec")).isEqualTo(raw.get(i).get("spec"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void exportThenParseReproducesEverySample(Path sample) {
        List<GenericKubernetesResource> objects = parser.parse(Fixtures.read(sample));
        List<GenericKubernetesResource> again = parser.parse(ManifestExporter.export(objects));
        assertThat(again).extracting(Json::tree).containsExactlyElementsOf(objects.stream().map(Json::tree).toList());
    }

    @Test
    void allFixturesAtOnceIncludingAllFourKinds() {
        StringBuilder all = new StringBuilder();
        Fixtures.samples().forEach(p -> all.append(Fixtures.read(p)).append("\n---\n"));
        // The samples reuse names (McpBridge default, WasmPlugin basic-auth): duplicates are refused, by index.
        Problem p = Problems.thrownBy(() -> parser.parse(all.toString()));
        assertThat(Problems.fields(p)).isNotEmpty().allMatch(f -> f.matches("documents\\[\\d+]"));
        assertThat(Fixtures.samples().stream().flatMap(s -> parser.parse(Fixtures.read(s)).stream())
                .map(HasMetadata::getKind).distinct()).containsExactlyInAnyOrder("Ingress", "WasmPlugin", "McpBridge", "Http2Rpc");
    }

    static Stream<Arguments> badManifests() {
        String ok = "apiVersion: networking.higress.io/v1\nkind: McpBridge\nmetadata: {name: default}\nspec: {}\n";
        return Stream.of(
                Arguments.of(ok + "---\n" + ok.replace("default", "b") + "---\napiVersion: v1\nkind: ServiceAccount\n"
                        + "metadata: {name: s}\n", List.of("documents[2].kind")),
                // Secrets are a kind's (TLS certificates) only when of type kubernetes.io/tls
                Arguments.of(ok + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n",
                        List.of("documents[1]")),
                Arguments.of(ok + "---\n" + ok.replace("networking.higress.io/v1", "networking.higress.io/v1alpha1"),
                        List.of("documents[1].apiVersion")),
                Arguments.of("apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: x}\n",
                        List.of("documents[0].apiVersion")),
                Arguments.of(ok.replace("{name: default}", "{namespace: x}"), List.of("documents[0].metadata.name")),
                Arguments.of(ok.replace("metadata: {name: default}\n", ""), List.of("documents[0].metadata.name")),
                Arguments.of(ok.replace("{name: default}", "{name: Not_Valid}"), List.of("documents[0].metadata.name")),
                Arguments.of(ok.replace("{name: default}", "{name: d, namespace: NS}"), List.of("documents[0].metadata.namespace")),
                Arguments.of(ok.replace("spec: {}", "spec: [1]"), List.of("documents[0].spec")),
                Arguments.of(ok + "---\n" + ok, List.of("documents[1]")),
                Arguments.of("- 1\n- " + "{}", List.of("documents[0]")),
                Arguments.of("kind: [unclosed\n", List.of("documents")),
                Arguments.of("---\n---\n", List.of("documents")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badManifests")
    void badDocumentsAre400NamingTheDocument(String text, List<String> fields) {
        Problem p = Problems.thrownBy(() -> parser.parse(text));
        assertThat(p.status()).isEqualTo(400);
        assertThat(Problems.fields(p)).containsExactlyElementsOf(fields);
    }

    @Test
    void jsonListsAndKindListAreFlattenedAndNamespaceDefaulted() {
        String json = """
                [{"apiVersion":"extensions.higress.io/v1alpha1","kind":"WasmPlugin","metadata":{"name":"a"},"spec":{"priority":1}},
                 {"apiVersion":"v1","kind":"List","items":[
                   {"apiVersion":"networking.higress.io/v1","kind":"Http2Rpc","metadata":{"name":"b","namespace":"x"},"spec":{}}]}]""";
        List<GenericKubernetesResource> objects = parser.parse(json);
        assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .containsExactly("WasmPlugin higress-system/a", "Http2Rpc x/b");
    }

    @Test
    void serverPopulatedMetadataIsStrippedOnParseAndExport() {
        GenericKubernetesResource live = new GenericKubernetesResource();
        live.setApiVersion("extensions.higress.io/v1alpha1");
        live.setKind("WasmPlugin");
        live.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("higress-system")
                .withResourceVersion("123").withUid("u-1").withGeneration(4L).withCreationTimestamp("2024-01-01T00:00:00Z")
                .withLabels(Map.of("team", "a"))
                .withAnnotations(Map.of(ServerFields.LAST_APPLIED, "{}", "keep", "me"))
                .addNewManagedField().withManager("kubectl").endManagedField()
                .addNewOwnerReference().withUid("u-0").withName("o").withKind("X").withApiVersion("v1").endOwnerReference()
                .build());
        // Strings that look like numbers, booleans or null must keep their type through YAML.
        live.setAdditionalProperty("spec", Map.of("priority", 7, "defaultConfig",
                Map.of("port", "8080", "flag", "true", "word", "yes", "nothing", "null", "version", "1.0", "quote", "it's: \"x\"")));
        live.setAdditionalProperty("status", Map.of("phase", "Ready"));

        String yaml = ManifestExporter.export(List.of(live));
        assertThat(yaml).doesNotContain("resourceVersion", "uid", "creationTimestamp", "managedFields", "generation",
                "ownerReferences", "status", "last-applied");
        GenericKubernetesResource back = parser.parse(yaml).get(0);
        ObjectNode expected = (ObjectNode) Json.tree(live);
        ServerFields.strip(expected);
        assertThat(Json.tree(back)).isEqualTo(expected);
        assertThat(back.getMetadata().getAnnotations()).containsExactly(Map.entry("keep", "me"));
        assertThat((Object) back.get("spec", "defaultConfig", "port")).isEqualTo("8080");
        assertThat((Object) back.get("spec", "defaultConfig", "flag")).isEqualTo("true");
        assertThat((Object) back.get("spec", "defaultConfig", "word")).isEqualTo("yes");
        assertThat((Object) back.get("spec", "defaultConfig", "nothing")).isEqualTo("null");
        assertThat((Object) back.get("spec", "priority")).isEqualTo(7);
    }

    @Test
    void exportedTranslatedObjectsParseBackUnchanged() {
        var routes = new RouteTranslator("higress-system");
        var plugins = new PluginTranslator("higress-system", PluginImages.defaults());
        List<HasMetadata> objects = List.of(
                routes.toIngress(RequestReader.read(ValidationTest.ROUTE, RouteSpec.class)),
                plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class)),
                new McpBridgeTranslator("higress-system").toMcpBridge(
                        RequestReader.read(TranslationTest.ALL_REGISTRIES, McpBridgeSpec.class)));
        List<GenericKubernetesResource> back = parser.parse(ManifestExporter.export(objects));
        assertThat(back).extracting(Json::tree).containsExactlyElementsOf(objects.stream().map(Json::tree).toList());
    }
}
