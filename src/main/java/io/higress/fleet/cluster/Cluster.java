package io.higress.fleet.cluster;

import io.higress.fleet.cluster.FleetConfig.ClusterConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.Optional;

/** One registered cluster, as validated at startup. */
@RegisterForReflection
public record Cluster(String name, Map<String, String> labels, ClusterConfig config) {

    public boolean hasKubernetes() {
        return config.kubernetes().isPresent();
    }

    public boolean directAdmin() {
        return config.gateways().adminMode() == AdminMode.DIRECT;
    }

    public Optional<String> consoleUrl() {
        return config.console().map(FleetConfig.Console::url);
    }

    /** The API server URL for display, never credentials. */
    public Optional<String> kubernetesServer() {
        return config.kubernetes().map(k -> k.masterUrl().orElse(k.inCluster() ? "in-cluster"
                : "kubeconfig" + k.context().map(c -> " context " + c).orElse("")));
    }
}
