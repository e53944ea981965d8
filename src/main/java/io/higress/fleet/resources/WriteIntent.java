package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.util.function.UnaryOperator;

/**
 * What one write wants of one object, decided per cluster from that cluster's copy ({@code null} when it has none).
 * Pure: the {@link FleetWriter} reads, asks the intent for a {@link Planner.Plan}, then writes. A
 * {@link ProblemException} refuses the write in that cluster; one of status 400 refuses the whole request.
 */
@FunctionalInterface
public interface WriteIntent {

    Planner.Plan plan(String cluster, GenericKubernetesResource current, boolean force);

    /** POST: a new object; where it exists already, a 409 for that cluster (update it or delete it first). */
    static WriteIntent create(HasMetadata desired) {
        return (cluster, current, force) -> {
            if (current != null) {
                throw new ProblemException(Problem.of(ProblemType.CONFLICT, ObjectRef.of(desired)
                                + " already exists in cluster " + cluster)
                        .withTarget(cluster, null)
                        .withHint("it exists: update it with PUT, or delete it first"));
            }
            return Planner.apply(cluster, desired, null, force);
        };
    }

    /** Manifests: create where absent, update where present. */
    static WriteIntent createOrUpdate(HasMetadata desired) {
        return (cluster, current, force) -> Planner.apply(cluster, desired, current, force);
    }

    /**
     * PUT, enable, disable: {@code change} turns the cluster's copy into the desired object (merging the request's
     * fields and validating the result); where there is no copy, a 404 for that cluster.
     */
    static WriteIntent modify(ObjectRef ref, UnaryOperator<GenericKubernetesResource> change) {
        return (cluster, current, force) -> {
            if (current == null) {
                throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, ref + " does not exist in cluster "
                        + cluster).withTarget(cluster, null).withHint("create it with POST first"));
            }
            return Planner.apply(cluster, change.apply(current), current, force);
        };
    }

    static WriteIntent delete() {
        return (cluster, current, force) -> Planner.delete(cluster, current, force);
    }
}
