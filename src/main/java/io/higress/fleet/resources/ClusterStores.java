package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that decides where a cluster's configuration resources live: {@code management: console} clusters
 * through their console, the others through Kubernetes. Manifests and export move raw Kubernetes objects, which a
 * console cannot hold as they are: for them a console-managed cluster is a per-cluster 400.
 */
@ApplicationScoped
public class ClusterStores {

    /** Picks a cluster's store for one request. */
    @FunctionalInterface
    public interface Selection {
        ClusterResourceStore of(Cluster cluster);
    }

    private final KubernetesResourceStore kubernetes;
    private final ConsoleResourceStore console;

    public ClusterStores(KubernetesResourceStore kubernetes, ConsoleResourceStore console) {
        this.kubernetes = kubernetes;
        this.console = console;
    }

    /** Routes, plugins and mcp-bridges: wherever the cluster's configuration says they are managed. */
    public Selection byManagement() {
        return cluster -> consoleManaged(cluster) ? console : kubernetes;
    }

    /** Manifests and export: raw Kubernetes objects, so Kubernetes-managed clusters only. */
    public Selection kubernetesOnly() {
        return cluster -> consoleManaged(cluster) ? new RefusingStore(notKubernetesManaged(cluster)) : kubernetes;
    }

    private static boolean consoleManaged(Cluster cluster) {
        return "console".equals(cluster.config().management());
    }

    private static ProblemException notKubernetesManaged(Cluster cluster) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "cluster '" + cluster.name()
                        + "' is managed through its Higress Console: manifests and export take Kubernetes-managed"
                        + " clusters only")
                .withTarget(cluster.name(), null)
                .withHint("leave this cluster out with clusters= or selector=; use /api/v1/routes, /plugins and"
                        + " /mcp-bridges for it"));
    }
}
