package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three facade resource types for a request's namespace: the {@code namespace} query parameter, or
 * {@code fleet.resources.namespace} (default {@code higress-system}).
 */
@ApplicationScoped
public class ResourceModels {

    private final String defaultNamespace;
    private final PluginImages images = PluginImages.defaults();

    public ResourceModels(FleetConfig config) {
        this.defaultNamespace = config.resources().namespace();
    }

    public ResourceModel<RouteSpec> routes(String namespace) {
        String ns = namespace(namespace);
        RouteTranslator t = new RouteTranslator(ns);
        RouteValidator v = new RouteValidator();
        return new ResourceModel<>("Ingress", RouteSpec.class, ns, v::check,
                r -> Json.MAPPER.convertValue(t.toIngress(r), GenericKubernetesResource.class),
                o -> t.fromIngress(Json.MAPPER.convertValue(o, Ingress.class)));
    }

    public ResourceModel<PluginSpec> plugins(String namespace) {
        String ns = namespace(namespace);
        PluginTranslator t = new PluginTranslator(ns, images);
        PluginValidator v = new PluginValidator(images);
        return new ResourceModel<>(PluginTranslator.KIND, PluginSpec.class, ns, v::check, t::toWasmPlugin,
                t::fromWasmPlugin);
    }

    public ResourceModel<McpBridgeSpec> mcpBridges(String namespace) {
        String ns = namespace(namespace);
        McpBridgeTranslator t = new McpBridgeTranslator(ns);
        McpBridgeValidator v = new McpBridgeValidator();
        return new ResourceModel<>(McpBridgeTranslator.KIND, McpBridgeSpec.class, ns, v::check, t::toMcpBridge,
                t::fromMcpBridge);
    }

    /** The query parameter's namespace (checked before any cluster is called) or the configured one. */
    public String namespace(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultNamespace;
        }
        if (!Names.isDns1123Label(requested)) {
            throw new ProblemException(Problem.invalid("namespace", "must be a DNS-1123 label"));
        }
        return requested;
    }
}
