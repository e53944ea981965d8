package io.higress.fleet.resources.mcpbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Service sources (contract §5): the brief's mcp-bridge body as a {@code networking.higress.io/v1} McpBridge
 * ({@link McpBridgeTranslator}), or one console service source per registry ({@link ConsoleBridgeForm}).
 */
public final class McpBridgeKind implements Kind<McpBridgeSpec> {
    static final KubernetesType MCP_BRIDGE = new KubernetesType(McpBridgeTranslator.API_VERSION,
            McpBridgeTranslator.KIND, "mcpbridges");

    private static final KindNames NAMES = new KindNames("mcp-bridge", "mcp-bridges", McpBridgeTranslator.KIND,
            "mcpBridges", "Service sources (mcp-bridges): McpBridges");

    private final KubernetesForm<McpBridgeSpec> kubernetes = new KubernetesObjectForm<>(MCP_BRIDGE,
            UnaryOperator.identity(),
            (b, ns, current) -> keepUnmodelled((ObjectNode) Json.tree(new McpBridgeTranslator(ns).toMcpBridge(b)),
                    current),
            o -> new McpBridgeTranslator(null).fromMcpBridge(Json.MAPPER.convertValue(o,
                    GenericKubernetesResource.class)));
    private final ConsoleBridgeForm console = new ConsoleBridgeForm();

    /** The registry fields the bridge body says ({@link McpBridgeTranslator}); a registry's others are not its. */
    private static final List<String> MODELLED = List.of("type", "name", "domain", "port", "nacosNamespaceId",
            "nacosGroups", "consulDatacenter", "consulServiceTag", "protocol");

    /**
     * What the bridge body cannot say stays as the cluster has it: the proxy servers ({@code spec.proxies}, the
     * proxy-servers kind's), the registries of types the body has no list for (zookeeper, eureka: the
     * service-sources kind's), after the body's registries, and the fields the body has none for in a registry it
     * names (a source's {@code sni}, {@code authSecretName}, nacos keys; an AI provider's {@code proxyName}).
     */
    static ObjectNode keepUnmodelled(ObjectNode built, ObjectNode current) {
        if (current == null) {
            return built;
        }
        ObjectNode spec = (ObjectNode) built.get("spec");
        if (current.at("/spec/proxies") instanceof ArrayNode proxies && !proxies.isEmpty()) {
            spec.set("proxies", proxies.deepCopy());
        }
        ArrayNode registries = (ArrayNode) spec.get("registries");
        for (int i = 0; i < registries.size(); i++) {
            JsonNode mine = registries.get(i);
            for (JsonNode held : current.at("/spec/registries")) {
                if (held instanceof ObjectNode h && h.path("name").equals(mine.path("name"))
                        && h.path("type").equals(mine.path("type"))) {
                    ObjectNode merged = h.deepCopy();
                    merged.remove(MODELLED);
                    merged.setAll((ObjectNode) mine);
                    registries.set(i, merged);
                }
            }
        }
        for (JsonNode r : current.at("/spec/registries")) {
            if (List.of("zookeeper", "eureka").contains(r.path("type").asText())) {
                registries.add(r.deepCopy());
            }
        }
        return built;
    }

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<McpBridgeSpec> specClass() {
        return McpBridgeSpec.class;
    }

    @Override
    public List<FieldError> validate(McpBridgeSpec spec) {
        return new McpBridgeValidator().validate(spec);
    }

    @Override
    public int exportOrder() {
        return 10;
    }

    @Override
    public KubernetesForm<McpBridgeSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<McpBridgeSpec>> console() {
        return Optional.of(console);
    }
}
