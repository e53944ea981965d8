package io.higress.fleet.resources;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * The API endpoint of each {@link ManifestKinds kind} the facade writes. Given explicitly so that the client needs
 * no API discovery round trip per call (nor discovery rights in the cluster); all these kinds are namespaced.
 */
public final class ResourceTypes {
    private static final Map<String, String> PLURALS = Map.of("Ingress", "ingresses",
            PluginTranslator.KIND, "wasmplugins", McpBridgeTranslator.KIND, "mcpbridges", "Http2Rpc", "http2rpcs");

    /** Export order: service sources and plugins before the routes that use them. */
    public static final List<String> EXPORT_ORDER = List.of(McpBridgeTranslator.KIND, "Http2Rpc",
            PluginTranslator.KIND, "Ingress");

    private ResourceTypes() {
    }

    public static ResourceDefinitionContext of(String kind) {
        String apiVersion = ManifestKinds.API_VERSIONS.get(kind);
        if (apiVersion == null) {
            throw new IllegalArgumentException("not a kind the facade writes: " + kind);
        }
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.substring(0, slash)).withVersion(apiVersion.substring(slash + 1))
                .withKind(kind).withPlural(PLURALS.get(kind)).withNamespaced(true).build();
    }
}
