package io.higress.fleet.resources;

import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.mcpbridge.McpBridgeTranslator;
import io.higress.fleet.resources.mcpbridge.McpBridgeSpec;
import io.higress.fleet.resources.plugin.PluginImages;
import io.higress.fleet.resources.plugin.PluginTranslator;
import io.higress.fleet.resources.plugin.PluginSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated WasmPlugin and McpBridge objects validate against the real Higress CRD openAPIV3Schemas. Two modes:
 * the schema as the API server's validation sees it, and a "pruning" mode that also forbids fields the CRD does not
 * declare (Kubernetes silently drops those from structural schemas, so writing one is a silent bug).
 */
class CrdSchemaTest {
    static Map<String, JsonNode> schemas = new java.util.HashMap<>();
    /** Draft 4 (OpenAPI v3's base) knowing the Kubernetes extensions as annotations, so they neither fail nor warn. */
    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keywords(Stream.of("nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
                                    "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
                                    "x-kubernetes-map-type", "x-kubernetes-validations")
                            .map(NonValidationKeyword::new).toList())
                    .build()));

    @BeforeAll
    static void loadCrds() throws Exception {
        try (var it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Fixtures.read(Fixtures.crd(Fixtures.CRD_FILE)))) {
            while (it.hasNextValue()) {
                JsonNode crd = (JsonNode) it.nextValue();
                if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                for (JsonNode v : crd.at("/spec/versions")) {
                    String key = crd.at("/spec/group").asText() + "/" + v.get("name").asText() + "/"
                            + crd.at("/spec/names/kind").asText();
                    schemas.put(key, v.at("/schema/openAPIV3Schema"));
                }
            }
        }
        assertThat(schemas).containsOnlyKeys("extensions.higress.io/v1alpha1/WasmPlugin",
                "networking.higress.io/v1/McpBridge", "networking.higress.io/v1/Http2Rpc");
    }

    static Set<ValidationMessage> validate(HasMetadata o, boolean pruning) {
        JsonNode schema = schemas.get(o.getApiVersion() + "/" + o.getKind());
        assertThat(schema).as("schema for " + o.getApiVersion() + " " + o.getKind()).isNotNull();
        JsonSchema s = FACTORY.getSchema(pruning ? pruning(schema) : schema);
        return s.validate(Json.tree(o));
    }

    /** Adds additionalProperties:false wherever the CRD lists properties and does not preserve unknown fields. */
    static JsonNode pruning(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        ObjectNode props = (ObjectNode) root.get("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        close(root);
        return root;
    }

    private static void close(JsonNode n) {
        if (n instanceof ObjectNode o && o.has("properties") && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            o.put("additionalProperties", false);
        }
        n.forEach(CrdSchemaTest::close);
    }

    static Stream<GenericKubernetesResource> generated() {
        PluginTranslator plugins = new PluginTranslator("higress-system", PluginImages.defaults());
        McpBridgeTranslator bridges = new McpBridgeTranslator("higress-system");
        PluginSpec brief = RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class);
        PluginSpec rules = RequestReader.read("""
                {"name":"basic-auth","phase":"AUTHN","priority":0,"enabled":false,"config":{"global_auth":false},
                 "matchRules":[{"ingress":["default/foo"],"service":["svc.default.svc.cluster.local"],
                                "config":{"allow":["c1"]},"configDisable":false},{"domain":["*.a.com"]}]}""",
                PluginSpec.class);
        return Stream.of(
                plugins.toWasmPlugin(brief),
                plugins.toWasmPlugin(brief.withEnabled(false)),
                plugins.toWasmPlugin(rules),
                bridges.toMcpBridge(RequestReader.read(ValidationTest.BRIDGE, McpBridgeSpec.class)),
                bridges.toMcpBridge(RequestReader.read(TranslationTest.ALL_REGISTRIES, McpBridgeSpec.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void generatedObjectsValidate(GenericKubernetesResource o) {
        assertThat(validate(o, false)).isEmpty();
        assertThat(validate(o, true)).isEmpty();
    }

    static Stream<GenericKubernetesResource> samples() {
        ManifestParser parser = new ManifestParser("higress-system");
        List<GenericKubernetesResource> out = new ArrayList<>();
        Fixtures.samples().forEach(p -> parser.parse(Fixtures.read(p)).stream()
                .filter(o -> !"Ingress".equals(o.getKind())).forEach(out::add));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void higressSamplesValidate(GenericKubernetesResource o) {
        assertThat(validate(o, false)).isEmpty();
        assertThat(validate(o, true)).isEmpty();
    }

    @Test
    void samplesCoverEveryCustomKind() {
        assertThat(samples().map(HasMetadata::getKind).distinct())
                .containsExactlyInAnyOrder("WasmPlugin", "McpBridge", "Http2Rpc");
    }

    @SuppressWarnings("unchecked")
    static GenericKubernetesResource briefPlugin(Map<String, Object> specChanges) {
        GenericKubernetesResource o = generated().findFirst().orElseThrow();
        ((Map<String, Object>) o.getAdditionalProperties().get("spec")).putAll(specChanges);
        return o;
    }

    @Test
    void wrongObjectsFail() {
        assertThat(validate(briefPlugin(Map.of("priority", "300")), false))
                .extracting(ValidationMessage::getInstanceLocation).map(Object::toString).containsExactly("$.spec.priority");
        assertThat(validate(briefPlugin(Map.of("phase", "DEFAULT")), false))
                .extracting(ValidationMessage::getInstanceLocation).map(Object::toString).containsExactly("$.spec.phase");
        assertThat(validate(briefPlugin(Map.of("defaultConfig", List.of(1))), false)).hasSize(1);
        assertThat(validate(briefPlugin(Map.of("matchRules", List.of(Map.of("domain", "a.com")))), false))
                .extracting(ValidationMessage::getInstanceLocation).map(Object::toString)
                .containsExactly("$.spec.matchRules[0].domain");

        GenericKubernetesResource bridge = generated().skip(3).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> registry = (Map<String, Object>) ((List<Object>) bridge.get("spec", "registries")).get(0);
        registry.put("port", "8848");
        assertThat(validate(bridge, false)).extracting(m -> m.getInstanceLocation().toString())
                .containsExactly("$.spec.registries[0].port");
    }

    @Test
    void misspelledFieldsPassTheApiServerButArePrunedWhichPruningModeCatches() {
        GenericKubernetesResource typo = briefPlugin(Map.of("defaultConfigDisabled", true));
        assertThat(validate(typo, false)).isEmpty();
        assertThat(validate(typo, true)).extracting(ValidationMessage::getMessage).singleElement().asString()
                .contains("defaultConfigDisabled");
        // Free-form config stays free-form in pruning mode.
        assertThat(validate(briefPlugin(Map.of("defaultConfig", Map.of("anything", Map.of("x", 1)))), true)).isEmpty();
    }
}
