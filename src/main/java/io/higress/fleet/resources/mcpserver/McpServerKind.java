package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.shared.ConsoleYaml;
import java.util.List;
import java.util.Optional;

/**
 * MCP servers ({@code /api/v1/mcp-servers}): the route Ingress, {@code higress-config} entries and plugin instances
 * the console's McpServiceContextImpl writes ({@link KubernetesMcpServerForm}), or the console's
 * {@code /v1/mcpServer} ({@link ConsoleMcpServerForm}). docs/ai.md.
 */
public final class McpServerKind implements Kind<McpServerSpec> {
    private static final KindNames NAMES = new KindNames("mcp-server", "mcp-servers", "McpServer", "mcpServers",
            "MCP servers: the console's MCP server routes, higress-config entries and mcp-server plugin instances");

    private final KubernetesMcpServerForm kubernetes = new KubernetesMcpServerForm();
    private final ConsoleMcpServerForm console = new ConsoleMcpServerForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<McpServerSpec> specClass() {
        return McpServerSpec.class;
    }

    @Override
    public List<FieldError> validate(McpServerSpec spec) {
        return new McpServerValidator().validate(spec);
    }

    /** After the service sources (10) and consumers (32) its routes name, beside the AI routes. */
    @Override
    public int exportOrder() {
        return 45;
    }

    @Override
    public KubernetesForm<McpServerSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<McpServerSpec>> console() {
        return Optional.of(console);
    }

    /** The tools compared as what they configure: each store writes their YAML its own way. */
    @Override
    public JsonNode acrossStores(McpServerSpec spec) {
        ObjectNode tree = (ObjectNode) Json.tree(spec);
        if (spec.rawConfigurations() != null) {
            ObjectNode parsed = ConsoleYaml.parse(spec.rawConfigurations());
            tree.set("rawConfigurations", parsed != null ? parsed : tree.get("rawConfigurations"));
        }
        return tree;
    }
}
