package io.higress.fleet.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated gateway routes to: a fixed catalogue of upstream services with a few hosts each, and two
 * listeners. Derived from the cluster name only, so every gateway of a cluster agrees, like replicas of one
 * Higress deployment do. The config dump, /clusters, /listeners and the stats all describe this same topology.
 */
record GatewayTopology(List<Upstream> upstreams, List<Listener> listeners) {

    private static final String[][] SERVICES = {
        {"example-service", "default", "8080"},
        {"httpbin", "default", "8000"},
        {"ai-backend", "ai", "8080"},
        {"user-api", "shop", "9090"},
        {"nacos-registry", "higress-system", "8848"},
    };

    record Upstream(String service, String namespace, int port, List<String> hosts) {
        String clusterName() {
            return "outbound|" + port + "||" + host();
        }

        String host() {
            return service + "." + namespace + ".svc.cluster.local";
        }

        /** The virtual host domain routes use for this service. */
        String domain() {
            return service + ".example.com";
        }
    }

    record Listener(String name, int port, String routeConfigName) {
        String statPrefix() {
            return "outbound_0.0.0.0_" + port;
        }
    }

    static GatewayTopology of(String cluster) {
        int subnet = Math.floorMod(cluster.hashCode(), 200) + 10;
        List<Upstream> upstreams = new ArrayList<>();
        for (int i = 0; i < SERVICES.length; i++) {
            String[] s = SERVICES[i];
            int port = Integer.parseInt(s[2]);
            List<String> hosts = List.of("10." + subnet + "." + i + ".11:" + port, "10." + subnet + "." + i + ".12:" + port);
            upstreams.add(new Upstream(s[0], s[1], port, hosts));
        }
        List<Listener> listeners = List.of(new Listener("0.0.0.0_80", 80, "http.80"),
                new Listener("0.0.0.0_443", 443, "https.443.https.example-com"));
        return new GatewayTopology(List.copyOf(upstreams), listeners);
    }

    /** A generated service used only to make config dumps big. */
    static Upstream padding(int index) {
        return new Upstream(String.format("pad-service-%05d", index), "padding", 8080, List.of("10.250.0.1:8080"));
    }
}
