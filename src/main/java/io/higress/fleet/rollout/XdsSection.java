package io.higress.fleet.rollout;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The xDS resources of a gateway's config dump a rollout's objects end up in, with the {@code resource=} of
 * {@code /config_dump} that lists them: routes (Ingress, HTTPRoute, ...) in RDS, Wasm plugins in ECDS, Gateways and
 * TLS in LDS, service sources (McpBridge) in CDS. The converged gate waits for the versions of the sections the rollout touches.
 */
enum XdsSection {
    RDS("dynamic_route_configs"), LDS("dynamic_listeners"), CDS("dynamic_active_clusters"), ECDS("ecds_filters");

    final String resource;

    XdsSection(String resource) {
        this.resource = resource;
    }

    static Set<XdsSection> touchedBy(List<RolloutObject> objects) {
        Set<XdsSection> out = EnumSet.noneOf(XdsSection.class);
        for (RolloutObject o : objects) {
            String kind = RolloutObject.MANIFEST.equals(o.kind()) ? o.body().path("kind").asText() : o.kind();
            switch (kind) {
                case "plugins", "plugin-instances", "WasmPlugin" -> out.add(ECDS);
                case "gateways", "Gateway", "tls-certificates", "Secret" -> out.add(LDS);
                case "mcp-bridges", "McpBridge", "service-sources", "proxy-servers" -> out.add(CDS);
                default -> out.add(RDS);
            }
        }
        if (out.isEmpty()) {
            out.add(RDS);
        }
        return out;
    }
}
