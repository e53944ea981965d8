package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a simulated gateway's Envoy introduces itself: build version and xDS node, as Higress sets them. */
final class EnvoyIdentity {

    static final String NAMESPACE = "higress-system";
    static final String BUILD_SHA = "6b9db09c69965d5bfb37bdd29693f8b7f9e9e9ec";
    static final String ENVOY_VERSION = "1.27.3";
    static final String VERSION = BUILD_SHA + "/" + ENVOY_VERSION + "/Clean/RELEASE/BoringSSL";
    static final String HOT_RESTART_VERSION = "11.104";

    private EnvoyIdentity() {
    }

    static String nodeId(SimulatedGateway gw) {
        return "router~127.0.0.1~" + gw.name() + "." + NAMESPACE + "~" + NAMESPACE + ".svc.cluster.local";
    }

    static String serviceCluster() {
        return "higress-gateway." + NAMESPACE;
    }

    static ObjectNode node(SimulatedGateway gw) {
        return obj("id", nodeId(gw), "cluster", serviceCluster(),
                "metadata", obj("CLUSTER_ID", gw.cluster(), "NAMESPACE", NAMESPACE, "POD_NAME", gw.name(),
                        "NAME", gw.name(), "ISTIO_VERSION", "1.19.5", "INSTANCE_IPS", "127.0.0.1",
                        "LABELS", obj("app", "higress-gateway", "higress", "higress-system-higress-gateway")),
                "user_agent_name", "envoy",
                "user_agent_build_version", obj("version", obj("major_number", 1, "minor_number", 27, "patch", 3),
                        "metadata", obj("revision.sha", BUILD_SHA, "revision.status", "Clean",
                                "build.type", "RELEASE", "ssl.version", "BoringSSL")));
    }
}
