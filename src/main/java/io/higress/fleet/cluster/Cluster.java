package io.higress.fleet.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.higress.fleet.cluster.FleetConfig.ClusterConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.Optional;

/**
 * One registered cluster: from the fleet file ({@link ClusterSource#CONFIG}, validated at startup) or from a cluster
 * Secret ({@link ClusterSource#API}, validated when written and when read back; {@code resourceVersion} is the
 * Secret's, and {@code credentials} its inline credentials). {@code gatewayParent}: its {@code gateway-parent},
 * parsed once when the cluster is built (null: none; the fleet file's and a cluster Secret's are validated before).
 */
@RegisterForReflection
public record Cluster(String name, Map<String, String> labels, ClusterConfig config, ClusterSource source,
        String resourceVersion, @JsonIgnore ClusterCredentials credentials, @JsonIgnore GatewayParent gatewayParent) {

    public Cluster(String name, Map<String, String> labels, ClusterConfig config, ClusterSource source,
            String resourceVersion, ClusterCredentials credentials) {
        this(name, labels, config, source, resourceVersion, credentials,
                config.gatewayParent().map(GatewayParent::parse).orElse(null));
    }

    public Cluster(String name, Map<String, String> labels, ClusterConfig config) {
        this(name, labels, config, ClusterSource.CONFIG, null, ClusterCredentials.NONE);
    }

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

    @Override
    public String toString() {
        return "Cluster[" + name + ", " + source.wire() + (resourceVersion != null ? " " + resourceVersion : "") + "]";
    }
}
