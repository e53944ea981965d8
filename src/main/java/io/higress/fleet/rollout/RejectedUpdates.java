package io.higress.fleet.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Envoy's NACKs, from its counters (the names the captures of real gateways show, docs/rollouts.md):
 * {@code listener_manager.lds.update_rejected}, {@code cluster_manager.cds.update_rejected},
 * {@code http.<prefix>.rds.<route_config>.update_rejected} and, per ECDS filter (how Higress ships a Wasm plugin),
 * {@code extension_config_discovery.<prefix>.<filter>.update_rejected} and {@code .config_fail} (the plugin's
 * config could not be instantiated: it did not start). A rise since the snapshot taken before the apply means the
 * gateway refused configuration during the wave; Envoy then keeps serving the old one, so nothing else shows it.
 */
final class RejectedUpdates {
    static final String FILTER = "^(listener_manager\\.lds\\.update_rejected|cluster_manager\\.cds\\.update_rejected"
            + "|http\\..+\\.rds\\..+\\.update_rejected|extension_config_discovery\\..+\\.(update_rejected|config_fail))$";

    private RejectedUpdates() {
    }

    static boolean isRejectionCounter(String name) {
        return name.endsWith(".update_rejected") || name.startsWith("extension_config_discovery.")
                && name.endsWith(".config_fail");
    }

    /**
     * What each gateway rejected since {@code before} (a gateway missing there, or a counter that went down because
     * the gateway restarted, counts from 0), as readable phrases naming the resource.
     */
    static List<String> since(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> now) {
        List<String> found = new ArrayList<>();
        now.forEach((gw, counters) -> counters.forEach((name, value) -> {
            if (!isRejectionCounter(name)) {
                return;
            }
            long earlier = before.getOrDefault(gw, Map.of()).getOrDefault(name, 0L);
            long rose = value >= earlier ? value - earlier : value;
            if (rose > 0) {
                found.add("gateway " + gw + " " + describe(name) + " (" + name + " +" + rose + ")");
            }
        }));
        return found;
    }

    private static String describe(String name) {
        if (name.startsWith("listener_manager.lds.")) {
            return "rejected a listener (LDS) update";
        }
        if (name.startsWith("cluster_manager.cds.")) {
            return "rejected a cluster (CDS) update";
        }
        if (name.startsWith("http.") && name.contains(".rds.")) {
            String routeConfig = name.substring(name.indexOf(".rds.") + 5, name.length() - ".update_rejected".length());
            return "rejected route configuration " + routeConfig + " (RDS)";
        }
        // extension_config_discovery.<prefix>.<filter>.<stat>: the prefix is one segment (http_filter, ...)
        String rest = name.substring("extension_config_discovery.".length());
        String stat = rest.substring(rest.lastIndexOf('.') + 1);
        String withoutStat = rest.substring(0, rest.lastIndexOf('.'));
        String filter = withoutStat.contains(".") ? withoutStat.substring(withoutStat.indexOf('.') + 1) : withoutStat;
        return stat.equals("config_fail") ? "could not start Wasm plugin " + filter + " (ECDS config_fail)"
                : "rejected Wasm plugin " + filter + " (ECDS)";
    }
}
