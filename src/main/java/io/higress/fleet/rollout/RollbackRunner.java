package io.higress.fleet.rollout;

import io.higress.fleet.cluster.ClusterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Answers a failed gate with {@code onFailure: rollback}: every cluster the rollout touched (its snapshot is
 * journaled) gets its snapshot back, objects that did not exist are deleted; the rollout ends {@code rolled-back},
 * or {@code failed} when a restore failed. Restores re-plan from what is in the cluster, so a resumed rollback
 * rewrites nothing already restored.
 */
final class RollbackRunner {

    private final ClusterRegistry registry;
    private final RolloutTarget target;
    private final ClusterStepRunner.Persist persist;
    /** Whether this engine still drives (not stopped, still the Lease's holder): checked before each restore. */
    private final BooleanSupplier driving;
    /** A restore not made because this engine stopped driving: the next driver restores that cluster. */
    private static final String NOT_DRIVING = new String("not driving");

    RollbackRunner(ClusterRegistry registry, RolloutTarget target, ClusterStepRunner.Persist persist,
            BooleanSupplier driving) {
        this.registry = registry;
        this.target = target;
        this.persist = persist;
        this.driving = driving;
    }

    Uni<Void> run(Rollout r) {
        List<ClusterProgress> touched = r.read(d -> d.waves.stream().flatMap(List::stream)
                .filter(c -> c.touched() && c.state != ClusterState.ROLLED_BACK).toList());
        int parallel = r.read(d -> d.spec.maxParallel());
        return Multi.createFrom().iterable(touched).onItem().transformToUni(c -> restore(r, c)).merge(parallel)
                .collect().asList()
                .chain(results -> results.stream().anyMatch(x -> x == NOT_DRIVING)
                        ? Uni.createFrom().voidItem() // the loop leaves the driver's seat; the rest is the next one's
                        : persist.apply(r, null, d -> {
                    List<String> failures = results.stream().filter(Objects::nonNull).toList();
                    List<String> restored = d.waves.stream().flatMap(List::stream)
                            .filter(c -> c.state == ClusterState.ROLLED_BACK).map(c -> c.name).toList();
                    d.rollingBack = false;
                    d.state = failures.isEmpty() ? RolloutState.ROLLED_BACK : RolloutState.FAILED;
                    d.reason = d.reason + "; rolled back " + (restored.isEmpty() ? "nothing" : String.join(", ", restored))
                            + (failures.isEmpty() ? "" : "; rollback failed: " + String.join("; ", failures));
                }));
    }

    /** Null when restored, else why not. */
    private Uni<String> restore(Rollout r, ClusterProgress c) {
        // guarded like a cluster's steps: a replica that lost the Lease restores nothing more
        return Uni.createFrom().deferred(() -> driving.getAsBoolean()
                        ? target.restore(registry.get(c.name), r.read(d -> d.spec.objects()), c.snapshot, r.id())
                        : Uni.createFrom().<Void>failure(new ClusterStepRunner.Halted()))
                .chain(() -> persist.apply(r, c, d -> {
                    c.state = ClusterState.ROLLED_BACK;
                    c.finishedAt = Instant.now();
                }).replaceWith((String) null))
                .onFailure(ClusterStepRunner.Halted.class).recoverWithItem(NOT_DRIVING)
                .onFailure(e -> !ClusterStepRunner.storeError(e)).recoverWithUni(e -> {
                    String why = "cluster " + c.name + ": " + e.getMessage();
                    return persist.apply(r, c, d -> c.error = c.error == null ? "rollback: " + e.getMessage()
                            : c.error + "; rollback: " + e.getMessage()).replaceWith(why);
                });
    }
}
