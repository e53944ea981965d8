package io.higress.fleet.rollout;

import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.RouteSpec;
import java.util.List;

/** The body of {@code POST /api/v1/rollouts} (contract §6), bound strictly; {@link RolloutPlanner} validates it. */
public record RolloutRequest(
        String strategy,
        List<String> canaryOrder,
        String canaryLabel,
        List<List<String>> waves,
        List<String> clusters,
        String selector,
        String waitTime,
        HealthGateSpec healthGate,
        String onFailure,
        Integer maxParallel,
        Boolean force,
        List<RouteSpec> routes,
        List<PluginSpec> plugins,
        List<McpBridgeSpec> mcpBridges,
        String manifests) {
}
