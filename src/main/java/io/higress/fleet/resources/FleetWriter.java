package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies writes to the targeted clusters in two phases, clusters in parallel and each cluster's objects in order,
 * each cluster through its {@link ClusterResourceStore} (Kubernetes or console, picked by the caller's
 * {@link ClusterStores.Selection}):
 * <ol>
 * <li>plan: read each object's current copy, ask its {@link WriteIntent} for a {@link Planner.Plan}. An invalid
 * request (a 400 from an intent, e.g. a PUT whose merged result fails validation) stops here, before anything is
 * written anywhere. With {@code dryRun=true} the plans are the answer: no write is ever sent, since not every API
 * server honours {@code dryRun} (the fabric8 mock persists it) and a console has none.</li>
 * <li>write: create, or update carrying the resourceVersion read in phase 1, or delete. A 409 from the upstream
 * means someone changed the object in between: read again, plan again, write once more.</li>
 * </ol>
 * Every cluster's outcome is settled into a {@link WriteResult}; one failing cluster never hides the others.
 */
@ApplicationScoped
public class FleetWriter {
    private static final Logger LOG = Logger.getLogger(FleetWriter.class);

    /** One object to write: which, and what to do with it. */
    public record Write(ObjectRef ref, WriteIntent intent) {
    }

    private record Step(Cluster cluster, Write write, GenericKubernetesResource current, Planner.Plan plan,
            Problem problem, boolean invalidRequest) {
    }

    private final WriteLocks locks;

    public FleetWriter(WriteLocks locks) {
        this.locks = locks;
    }

    public Uni<WriteAnswer> write(ClusterStores.Selection stores, List<Cluster> clusters, List<Write> writes,
            boolean dryRun, boolean force) {
        List<Uni<List<Step>>> plans = clusters.stream().map(c -> planIn(stores.of(c), c, writes, force)).toList();
        return Uni.join().all(plans).andFailFast().chain(planned -> {
            List<Step> steps = planned.stream().flatMap(List::stream).toList();
            rejectInvalidRequest(steps);
            if (dryRun) {
                return Uni.createFrom().item(WriteAnswer.of(steps.stream().map(FleetWriter::planned).toList(), true));
            }
            List<Uni<List<WriteResult>>> done = planned.stream().map(s -> executeIn(stores, s, force)).toList();
            return Uni.join().all(done).andFailFast()
                    .map(r -> WriteAnswer.of(r.stream().flatMap(List::stream).toList(), false));
        });
    }

    private Uni<List<Step>> planIn(ClusterResourceStore store, Cluster cluster, List<Write> writes,
            boolean force) {
        return Multi.createFrom().iterable(writes)
                .onItem().transformToUniAndConcatenate(w -> plan(store, cluster, w, force))
                .collect().asList();
    }

    private Uni<Step> plan(ClusterResourceStore store, Cluster cluster, Write write, boolean force) {
        var holder = locks.holder(cluster.name(), write.ref());
        if (holder.isPresent()) { // not even force: the rollout's gate and rollback snapshot assume it alone writes
            return Uni.createFrom().item(new Step(cluster, write, null, null, locked(cluster, write, holder.get()),
                    false));
        }
        return store.get(cluster, write.ref())
                .map(current -> decide(cluster, write, current, force))
                .onFailure().recoverWithItem(t -> new Step(cluster, write, null, null, problem(t, cluster), false));
    }

    private static Step decide(Cluster cluster, Write write, GenericKubernetesResource current, boolean force) {
        try {
            return new Step(cluster, write, current, write.intent().plan(cluster.name(), current, force), null, false);
        } catch (ProblemException e) {
            Problem p = e.problem();
            return new Step(cluster, write, current, null, p, p.status() == ProblemType.INVALID_REQUEST.status());
        }
    }

    /** The same request is invalid wherever it goes: answer its 400 once, listing every field, and write nothing. */
    private static void rejectInvalidRequest(List<Step> steps) {
        List<Object> errors = new ArrayList<>();
        Problem first = null;
        for (Step s : steps) {
            if (s.invalidRequest()) {
                first = first == null ? s.problem() : first;
                (s.problem().errors() == null ? List.of() : s.problem().errors()).stream().filter(e -> !errors.contains(e)).forEach(errors::add);
            }
        }
        if (first != null) {
            throw new ProblemException(first.withTarget(null, null).withErrors(errors));
        }
    }

    private static Problem locked(Cluster cluster, Write write, String holder) {
        return Problem.of(ProblemType.CONFLICT, write.ref() + " in cluster " + cluster.name() + " is being rolled out by "
                + holder).withTarget(cluster.name(), null).withHint("wait for the " + holder + " to finish, or cancel it");
    }

    private Uni<List<WriteResult>> executeIn(ClusterStores.Selection stores, List<Step> steps, boolean force) {
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(s -> execute(stores.of(s.cluster()), s, force, true))
                .collect().asList();
    }

    private Uni<WriteResult> execute(ClusterResourceStore store, Step s, boolean force, boolean mayRetry) {
        ObjectRef ref = s.write().ref();
        String cluster = s.cluster().name();
        if (s.problem() != null) {
            return Uni.createFrom().item(WriteResult.failed(cluster, ref, s.problem()));
        }
        Planner.Plan plan = s.plan();
        if (plan.action() == Planner.Action.UNCHANGED) {
            return Uni.createFrom().item(WriteResult.of(cluster, ref, done(Planner.Action.UNCHANGED),
                    s.current().getMetadata().getResourceVersion(), null));
        }
        var holder = locks.holder(cluster, ref);
        if (holder.isPresent()) { // claimed by a rollout since the plan was made
            return Uni.createFrom().item(WriteResult.failed(cluster, ref, locked(s.cluster(), s.write(), holder.get())));
        }
        return send(store, s.cluster(), plan)
                .map(written -> WriteResult.of(cluster, ref, done(plan.action()),
                        written == null ? null : written.getMetadata().getResourceVersion(), plan.changes()))
                .onFailure(t -> mayRetry && isConcurrentChange(t))
                .recoverWithUni(() -> plan(store, s.cluster(), s.write(), force)
                        .chain(again -> execute(store, again, force, false)))
                .onFailure().recoverWithItem(t -> WriteResult.failed(cluster, ref, problem(t, s.cluster())));
    }

    private static Uni<GenericKubernetesResource> send(ClusterResourceStore store, Cluster cluster,
            Planner.Plan plan) {
        return switch (plan.action()) {
            case CREATE -> store.create(cluster, plan.object());
            case UPDATE -> store.update(cluster, plan.object());
            case DELETE -> store.delete(cluster, plan.object()).replaceWith((GenericKubernetesResource) null);
            case UNCHANGED -> throw new IllegalStateException("nothing to send");
        };
    }

    private static boolean isConcurrentChange(Throwable t) {
        return t instanceof ProblemException p && p.problem().status() == 409 && p.problem().upstream() != null;
    }

    private static WriteResult planned(Step s) {
        ObjectRef ref = s.write().ref();
        if (s.problem() != null) {
            return WriteResult.failed(s.cluster().name(), ref, s.problem());
        }
        String rv = s.current() == null ? null : s.current().getMetadata().getResourceVersion();
        return WriteResult.of(s.cluster().name(), ref, s.plan().action().wire(), rv, s.plan().changes());
    }

    private static Problem problem(Throwable t, Cluster cluster) {
        if (t instanceof ProblemException p) {
            return p.problem().cluster() == null ? p.problem().withTarget(cluster.name(), null) : p.problem();
        }
        LOG.errorf(t, "Unexpected failure writing to cluster %s", cluster.name());
        return Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly while writing to cluster "
                + cluster.name()).withTarget(cluster.name(), null);
    }

    private static String done(Planner.Action a) {
        return switch (a) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case UNCHANGED -> "unchanged";
        };
    }
}
