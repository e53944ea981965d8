package io.higress.fleet.resources;

import java.util.Map;

/** The kinds {@code POST /api/v1/manifests} accepts, each with the one apiVersion the facade writes. */
public final class ManifestKinds {
    public static final Map<String, String> API_VERSIONS = Map.of(
            "Ingress", "networking.k8s.io/v1",
            PluginTranslator.KIND, PluginTranslator.API_VERSION,
            McpBridgeTranslator.KIND, McpBridgeTranslator.API_VERSION,
            "Http2Rpc", "networking.higress.io/v1");

    private ManifestKinds() {
    }

    public static boolean allowed(String apiVersion, String kind) {
        return kind != null && apiVersion != null && apiVersion.equals(API_VERSIONS.get(kind));
    }
}
