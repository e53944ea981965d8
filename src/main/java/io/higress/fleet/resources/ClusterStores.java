package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Management;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that decides where a cluster's objects live: {@code management: console} clusters through their
 * console, the others through Kubernetes. Manifests and export move raw Kubernetes objects, which a console cannot
 * hold: for them (and for a kind without a console form) a console-managed cluster is a per-cluster 400.
 */
@ApplicationScoped
public class ClusterStores {

    /** A kind's form and store in one cluster, or why that cluster cannot take part. */
    @RegisterForReflection
    public record Placement<S extends Spec>(Form<S> form, ObjectStore store, ProblemException refusal) {

        static <S extends Spec> Placement<S> refused(ProblemException refusal) {
            return new Placement<>(null, null, refusal);
        }
    }

    private final KubernetesStore kubernetes;
    private final ConsoleStore console;

    public ClusterStores(KubernetesStore kubernetes, ConsoleStore console) {
        this.kubernetes = kubernetes;
        this.console = console;
    }

    /** A kind wherever the cluster's configuration says it is managed. */
    public <S extends Spec> Placement<S> of(Kind<S> kind, Cluster cluster) {
        if (!consoleManaged(cluster)) {
            return new Placement<>(kind.kubernetes(cluster), kubernetes, null);
        }
        return kind.console().map(f -> new Placement<>(f, (ObjectStore) console, null))
                .orElseGet(() -> Placement.refused(new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                                kind.names().plural() + " cannot be managed through the Higress Console of cluster '"
                                        + cluster.name() + "'")
                        .withTarget(cluster.name(), null)
                        .withHint("leave this cluster out with clusters= or selector="))));
    }

    /** Raw Kubernetes objects (manifests, export): Kubernetes-managed clusters only. */
    public <S extends Spec> Placement<S> kubernetesOnly(Form<S> form, Cluster cluster) {
        return consoleManaged(cluster) ? Placement.refused(notKubernetesManaged(cluster))
                : new Placement<>(form, kubernetes, null);
    }

    /** The Kubernetes store of a Kubernetes-managed cluster (export lists raw objects), else the refusal. */
    public ObjectStore kubernetesStore(Cluster cluster) {
        if (consoleManaged(cluster)) {
            throw notKubernetesManaged(cluster);
        }
        return kubernetes;
    }

    private static boolean consoleManaged(Cluster cluster) {
        return cluster.config().management() == Management.CONSOLE;
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
