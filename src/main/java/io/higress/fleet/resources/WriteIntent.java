package io.higress.fleet.resources;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one write wants of one object, decided per cluster from that cluster's {@link Copy}. Pure: the
 * {@link Applier} reads, asks the intent for a {@link Planner.Plan}, then sends. A {@link ProblemException} refuses
 * the write in that cluster; one of status 400 refuses the whole request.
 */
public interface WriteIntent<S extends Spec> {

    Planner.Plan plan(String cluster, ObjectRef ref, Form<S> form, Copy<S> current, Planner.Rules rules);

    /** What the form's read is told the write wants (a bridge reads the registries it names); null: nothing. */
    default S hint() {
        return null;
    }

    /** Whether what it creates or updates is held to the {@link WriteLimits}; a rollback puts back what was. */
    default boolean limited() {
        return true;
    }

    /** POST: a new object; where it exists already, a 409 for that cluster (update it or delete it first). */
    static <S extends Spec> WriteIntent<S> create(S spec) {
        return new WriteIntent<>() {
            @Override
            public Planner.Plan plan(String cluster, ObjectRef ref, Form<S> form, Copy<S> current,
                    Planner.Rules rules) {
                if (current.exists()) {
                    throw new ProblemException(Problem.of(ProblemType.CONFLICT, ref + " already exists in cluster "
                                    + cluster)
                            .withTarget(cluster, null)
                            .withHint("it exists: update it with PUT, or delete it first"));
                }
                return Planner.apply(cluster, current, form.parts(spec, ref.namespace(), current), rules);
            }

            @Override
            public S hint() {
                return spec;
            }
        };
    }

    /** Manifests and rollouts: create where absent, update where present. */
    static <S extends Spec> WriteIntent<S> createOrUpdate(S spec) {
        return new WriteIntent<>() {
            @Override
            public Planner.Plan plan(String cluster, ObjectRef ref, Form<S> form, Copy<S> current,
                    Planner.Rules rules) {
                return Planner.apply(cluster, current, form.parts(spec, ref.namespace(), current), rules);
            }

            @Override
            public S hint() {
                return spec;
            }
        };
    }

    /**
     * PUT, enable, disable: {@code change} turns the cluster's copy into the desired model (merging the request's
     * fields and validating the result); where there is no copy, a 404 for that cluster.
     */
    static <S extends Spec> WriteIntent<S> modify(UnaryOperator<S> change) {
        return (cluster, ref, form, current, rules) -> {
            if (!current.exists()) {
                throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, ref + " does not exist in cluster "
                        + cluster).withTarget(cluster, null).withHint("create it with POST first"));
            }
            return Planner.apply(cluster, current, form.parts(change.apply(current.spec()), ref.namespace(), current),
                    rules);
        };
    }

    /**
     * A re-save ({@link Resaves}): the object as the cluster holds it, written again so that what it derives from
     * reaches its stored objects; gone meanwhile, nothing to do.
     */
    static <S extends Spec> WriteIntent<S> resave() {
        return (cluster, ref, form, current, rules) -> current.exists()
                ? Planner.apply(cluster, current, form.parts(current.spec(), ref.namespace(), current), rules)
                : new Planner.Plan(Planner.Action.UNCHANGED, List.of(), List.of());
    }

    static <S extends Spec> WriteIntent<S> delete() {
        return (cluster, ref, form, current, rules) -> Planner.delete(cluster, ref, current, rules.force(),
                current.exists() ? form.remainder(ref.namespace(), current) : List.of());
    }

    /**
     * A rollback: the object's parts as a snapshot had them ({@code previous} empty: it did not exist, so it is
     * deleted). An object without the fleet's mark is left alone: the apply never wrote it (e.g. refused for want of
     * force). {@code hint} is the object the rollout wrote, so that the parts it created are found.
     */
    static <S extends Spec> WriteIntent<S> restore(List<StoredObject> previous, S written) {
        return new WriteIntent<>() {
            @Override
            public Planner.Plan plan(String cluster, ObjectRef ref, Form<S> form, Copy<S> current,
                    Planner.Rules rules) {
                if (current.exists() && !current.managed()) {
                    return new Planner.Plan(Planner.Action.UNCHANGED, List.of(), List.of());
                }
                return Planner.apply(cluster, current, form.restored(previous, ref.namespace(), current), true);
            }

            @Override
            public S hint() {
                return written;
            }

            @Override
            public boolean limited() {
                return false;
            }
        };
    }
}
