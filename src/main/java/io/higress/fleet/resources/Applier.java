package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.ClusterStores.Placement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * THE write path, for REST writes, manifests and rollouts alike: clusters in parallel, each cluster's objects in
 * order, each through its {@link Placement} (form and store):
 * <ol>
 * <li>plan: read each object's {@link Copy}, ask its {@link WriteIntent} for a {@link Planner.Plan}. An invalid
 * request (a 400 from an intent or a form, e.g. a PUT whose merged result fails validation) stops here, before
 * anything is written anywhere. With {@code dryRun} the plans are the answer: no write is ever sent, since not every
 * API server honours {@code dryRun} (the fabric8 mock persists it) and a console has none.</li>
 * <li>send: the plan's stored objects, created, updated carrying the version read, or deleted. A 409 from the
 * upstream means someone changed the object in between: read again, plan again, send once more. A write that got no
 * answer (a timeout, a lost connection) may have been applied: the object is read again to decide ({@link Reread});
 * when that read fails too, the result is {@code unknown}.</li>
 * </ol>
 * An object an unfinished rollout holds ({@link WriteLocks}) is refused in that cluster, except to that rollout.
 * Every cluster's outcome is settled into a {@link WriteResult}; one failing cluster never hides the others. Each
 * object written in a cluster is told to the optional {@link WriteRecorder} (the revision history) before its
 * result answers: its stored objects before and after, and who and why, taken on the calling thread.
 */
@ApplicationScoped
public class Applier {
    private static final Logger LOG = Logger.getLogger(Applier.class);

    /**
     * One object to write: which, where (per cluster), and what to do with it. {@code source}: the plural of the
     * kind whose endpoint writes it ({@code routes}), or {@link #MANIFESTS} for a raw object (null: not said), as
     * its revision records it ({@link WriteRecorder}); several kinds share a Kubernetes kind.
     */
    @RegisterForReflection
    public record Write<S extends Spec>(ObjectRef ref, Function<Cluster, Placement<S>> where, WriteIntent<S> intent,
            String source) {
        public static final String MANIFESTS = "manifests";

        public Write(ObjectRef ref, Function<Cluster, Placement<S>> where, WriteIntent<S> intent) {
            this(ref, where, intent, null);
        }
    }

    /**
     * The writer: {@code rollout} is the id of the rollout writing, whose own locks do not stop it (else null);
     * {@code blind}: the secret keys a caller who may not read them never has compared ({@link Planner.Rules}).
     */
    @RegisterForReflection
    public record Options(boolean dryRun, boolean force, String rollout, Predicate<String> blind, String reason) {
        public Options(boolean dryRun, boolean force, String rollout, Predicate<String> blind) {
            this(dryRun, force, rollout, blind, null);
        }

        public Options(boolean dryRun, boolean force, String rollout) {
            this(dryRun, force, rollout, null, null);
        }
    }

    @RegisterForReflection
    private record Step(Cluster cluster, Write<?> write, Copy<?> current, Planner.Plan plan, Problem problem,
            boolean requestRefused, String kind) {

        /** The object as its results name it: in this cluster's form ({@link Form#resultKind}). */
        ObjectRef shown() {
            ObjectRef ref = write.ref();
            return kind == null || kind.equals(ref.kind()) ? ref : new ObjectRef(kind, ref.namespace(), ref.name());
        }
    }

    private final WriteLocks locks;
    private final WriteLimits limits;
    private final Resaves resaves;
    private final WriteRecorder recorder;
    private final FailedWrites failures;

    @Inject
    Applier(WriteLocks locks, WriteLimits limits, Resaves resaves, Instance<WriteRecorder> recorders,
            FailedWrites failures) {
        this.locks = locks;
        this.limits = limits;
        this.resaves = resaves;
        this.recorder = recorders.isResolvable() ? recorders.get() : null;
        this.failures = failures;
    }

    /** Who writes and why, taken on the calling thread (null: nothing records writes). */
    private WriteRecorder.Origin origin(Options options) {
        return recorder == null || options.dryRun() ? null : recorder.origin(options);
    }

    public Uni<WriteAnswer> write(List<Cluster> clusters, List<Write<?>> writes, Options options) {
        WriteRecorder.Origin origin = origin(options);
        List<Uni<List<Step>>> plans = clusters.stream().map(c -> planIn(c, writes, options)).toList();
        return Uni.join().all(plans).andFailFast().chain(planned -> {
            List<Step> steps = planned.stream().flatMap(List::stream).toList();
            rejectRefusedRequest(steps);
            if (options.dryRun()) {
                return Uni.createFrom().item(WriteAnswer.of(steps.stream().map(Applier::planned).toList(), true));
            }
            List<Uni<List<WriteResult>>> done = planned.stream().map(s -> executeIn(s, options, origin)).toList();
            return Uni.join().all(done).andFailFast()
                    .map(r -> WriteAnswer.of(r.stream().flatMap(List::stream).toList(), false))
                    .invoke(answer -> failures.report(answer.results(), options));
        });
    }

    /** One cluster's writes (a rollout's apply or restore): its results, without the request-wide 400 rule. */
    public Uni<List<WriteResult>> writeIn(Cluster cluster, List<Write<?>> writes, Options options) {
        WriteRecorder.Origin origin = origin(options);
        return planIn(cluster, writes, options).chain(steps -> options.dryRun()
                ? Uni.createFrom().item(steps.stream().map(Applier::planned).toList())
                : executeIn(steps, options, origin).invoke(results -> failures.report(results, options)));
    }

    /** One object's copy in one cluster, as its form reads it (a rollout's snapshot). */
    public <S extends Spec> Uni<Copy<S>> read(Cluster cluster, Write<S> write) {
        Placement<S> p = write.where().apply(cluster);
        if (p.refusal() != null) {
            return Uni.createFrom().failure(p.refusal());
        }
        ObjectRef ref = write.ref();
        return p.form().read(p.store().reads(cluster), ref.namespace(), ref.name(), write.intent().hint());
    }

    private Uni<List<Step>> planIn(Cluster cluster, List<Write<?>> writes, Options options) {
        return Multi.createFrom().iterable(writes)
                .onItem().transformToUniAndConcatenate(w -> plan(cluster, w, options))
                .collect().asList();
    }

    private <S extends Spec> Uni<Step> plan(Cluster cluster, Write<S> write, Options options) {
        var holder = holder(cluster, write, options);
        if (holder != null) { // not even force: the rollout's gate and rollback snapshot assume it alone writes
            return Uni.createFrom().item(new Step(cluster, write, null, null, locked(cluster, write, holder), false,
                    kind(cluster, write, null, null)));
        }
        return Uni.createFrom().deferred(() -> read(cluster, write))
                .map(current -> decide(cluster, write, current, new Planner.Rules(options.force(), options.blind())))
                .onFailure().recoverWithItem(t -> new Step(cluster, write, null, null, problem(t, cluster), false,
                        kind(cluster, write, null, null)));
    }

    /** The kind this cluster's results name the object by ({@link Form#resultKind}), whatever the outcome. */
    private static <S extends Spec> String kind(Cluster cluster, Write<S> write, Copy<S> current, Planner.Plan plan) {
        try {
            Placement<S> p = write.where().apply(cluster);
            return p.form() == null ? null
                    : p.form().resultKind(write.ref().kind(), write.intent().hint(), current, plan);
        } catch (RuntimeException e) { // a result is always answered: by the kind's name, then
            return null;
        }
    }

    private <S extends Spec> Step decide(Cluster cluster, Write<S> write, Copy<S> current, Planner.Rules rules) {
        try {
            Placement<S> p = write.where().apply(cluster);
            Planner.Plan plan = write.intent().plan(cluster.name(), write.ref(), p.form(), current, rules);
            if (write.intent().limited()) {
                List<Problem.FieldError> outside = new ArrayList<>();
                plan.ops().stream().filter(op -> op.action() != Planner.Action.DELETE)
                        .forEach(op -> outside.addAll(limits.stored(op.address(), op.body())));
                WriteLimits.throwIfAny(outside);
            }
            return new Step(cluster, write, current, plan, null, false, kind(cluster, write, current, plan));
        } catch (ProblemException e) {
            Problem p = e.problem();
            return new Step(cluster, write, current, null, p, refusesRequest(p), kind(cluster, write, current, null));
        }
    }

    /** What the request asks is refused wherever it goes: invalid (400), or outside the write limits (403). */
    private static boolean refusesRequest(Problem p) {
        return p.status() == ProblemType.INVALID_REQUEST.status() || p.type().equals(ProblemType.WRITE_NOT_ALLOWED.uri());
    }

    /**
     * The same request is refused wherever it goes: answer its 400 (else its 403) once, listing every field, and
     * write nothing.
     */
    private static void rejectRefusedRequest(List<Step> steps) {
        List<Step> refused = steps.stream().filter(Step::requestRefused)
                .sorted(java.util.Comparator.comparingInt(s -> s.problem().status())).toList();
        if (refused.isEmpty()) {
            return;
        }
        Problem first = refused.get(0).problem();
        List<Object> errors = new ArrayList<>();
        refused.stream().filter(s -> s.problem().type().equals(first.type()))
                .flatMap(s -> (s.problem().errors() == null ? List.of() : s.problem().errors()).stream())
                .filter(e -> !errors.contains(e)).forEach(errors::add);
        throw new ProblemException(first.withTarget(null, null).withErrors(errors));
    }

    private String holder(Cluster cluster, Write<?> write, Options options) {
        return locks.holder(cluster.name(), write.ref()).filter(id -> !id.equals(options.rollout())).orElse(null);
    }

    private static Problem locked(Cluster cluster, Write<?> write, String rollout) {
        return Problem.of(ProblemType.CONFLICT, write.ref() + " in cluster " + cluster.name()
                        + " is being rolled out by rollout " + rollout)
                .withTarget(cluster.name(), null).withHint("wait for the rollout " + rollout + " to finish, or cancel it");
    }

    private Uni<List<WriteResult>> executeIn(List<Step> steps, Options options, WriteRecorder.Origin origin) {
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(s -> execute(s, options, origin, true)
                        .chain(r -> withResaves(s, r, options, origin)))
                .collect().asList()
                .map(all -> all.stream().flatMap(List::stream).toList());
    }

    /**
     * A created or updated object, then the objects of other kinds written again because they derive from it
     * ({@link Resaves}), each a result of its own that says why (and a revision of its own). A dry run plans the
     * object only.
     */
    private Uni<List<WriteResult>> withResaves(Step s, WriteResult written, Options options,
            WriteRecorder.Origin origin) {
        if (written.failed() || !(Planner.Action.CREATE.done().equals(written.status())
                || Planner.Action.UPDATE.done().equals(written.status()))) {
            return Uni.createFrom().item(List.of(written));
        }
        ObjectRef ref = s.write().ref();
        Options again = new Options(false, false, options.rollout(), options.blind(), options.reason());
        return resaves.after(s.cluster(), ref, s.write().where().apply(s.cluster()).form())
                .chain(d -> d.writes().isEmpty() ? Uni.createFrom().item(d.failures())
                        : planIn(s.cluster(), d.writes(), again).chain(steps -> executeIn(steps, again, origin))
                                .map(r -> {
                                    List<WriteResult> out = new ArrayList<>(d.failures());
                                    r.forEach(x -> out.add(x.resavedAfter() == null ? x.resavedAfter(ref) : x));
                                    return out;
                                }))
                .map(more -> {
                    List<WriteResult> out = new ArrayList<>(List.of(written));
                    out.addAll(more);
                    return out;
                });
    }

    private Uni<WriteResult> execute(Step s, Options options, WriteRecorder.Origin origin, boolean mayRetry) {
        ObjectRef ref = s.write().ref();
        ObjectRef shown = s.shown();
        String cluster = s.cluster().name();
        if (s.problem() != null) {
            return Uni.createFrom().item(WriteResult.failed(cluster, shown, s.problem()));
        }
        Planner.Plan plan = s.plan();
        if (plan.ops().isEmpty()) {
            return Uni.createFrom().item(WriteResult.of(cluster, shown, Planner.Action.UNCHANGED.done(),
                    s.current().version(), null));
        }
        String holder = holder(s.cluster(), s.write(), options);
        if (holder != null) { // claimed by a rollout since the plan was made
            return Uni.createFrom().item(WriteResult.failed(cluster, shown, locked(s.cluster(), s.write(), holder)));
        }
        ObjectStore store = s.write().where().apply(s.cluster()).store();
        Sent sent = new Sent(options.blind());
        return Multi.createFrom().iterable(plan.ops())
                .onItem().transformToUniAndConcatenate(op -> send(store, s.cluster(), ref, op, sent))
                .collect().asList()
                .chain(x -> recorded(s, origin, plan, sent)
                        .replaceWith(WriteResult.of(cluster, shown, plan.action().done(), sent.version, sent.changes)))
                .onFailure(t -> mayRetry && isConcurrentChange(t))
                .recoverWithUni(() -> plan(s.cluster(), s.write(), options)
                        .chain(again -> execute(again, options, origin, false))
                        .map(r -> sent.done.isEmpty() || !WriteResult.ERROR.equals(r.status()) ? r
                                // the first try wrote part of it: still partly applied
                                : WriteResult.partial(cluster, shown, partly(r.error(), cluster, sent), sent.changes)))
                .onFailure().recoverWithItem(t -> t instanceof Reread.Unknown u
                        ? WriteResult.unknown(cluster, shown, u.problem(), sent.changes)
                        : sent.done.isEmpty() ? WriteResult.failed(cluster, shown, problem(t, s.cluster()))
                        : WriteResult.partial(cluster, shown, partly(problem(t, s.cluster()), cluster, sent),
                                sent.changes));
    }

    /**
     * Some of a plan's operations were done, then one failed (a route moved: its HTTPRoute created, its Ingress not
     * deleted): the problem says what the cluster holds now and that the same request finishes it, since it plans
     * again from what is there and sends only what is left.
     */
    private static Problem partly(Problem failure, String cluster, Sent sent) {
        String done = String.join(", ", sent.done.stream().map(op -> op.action().done() + " " + op.address()).toList());
        return failure.withDetail("partly applied in cluster " + cluster + ": done: " + done + "; not done: "
                        + sent.sending.action().wire() + " " + sent.sending.address() + ", which failed: "
                        + failure.detail())
                .withHint("retry the same request unchanged (same body and query): it reads what the cluster "
                        + "holds now and sends only what is left");
    }

    /**
     * The write's revision, once every operation of its plan was answered: its stored objects before (as read) and
     * after (the upstream's answers over what was read, the deleted ones gone).
     */
    private Uni<Void> recorded(Step s, WriteRecorder.Origin origin, Planner.Plan plan, Sent sent) {
        if (origin == null) {
            return Uni.createFrom().voidItem();
        }
        java.util.Map<ObjectAddress, StoredObject> after = new java.util.LinkedHashMap<>();
        s.current().parts().forEach(p -> after.put(p.address(), p));
        for (int i = 0; i < sent.done.size(); i++) {
            Planner.Op op = sent.done.get(i);
            StoredObject held = sent.answers.get(i);
            if (op.action() == Planner.Action.DELETE) {
                after.remove(op.address());
            } else {
                after.put(op.address(), held != null ? held : new StoredObject(op.address(), op.body(), null));
            }
        }
        Object hint = s.write().intent().hint();
        WriteRecorder.Written written = new WriteRecorder.Written(s.cluster().name(), s.write().ref(),
                s.write().source() != null ? s.write().source() : hint instanceof Manifest ? Write.MANIFESTS : null,
                s.shown().kind(), plan.action().done(), s.current().parts(), List.copyOf(after.values()),
                hint == null ? null : Json.tree(hint));
        return recorder.written(origin, written).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** What the sent operations answered: the upstream's version after the last one and the changes it shows. */
    private static final class Sent {
        final Predicate<String> blind;
        String version;
        final List<FieldChange> changes = new ArrayList<>();
        /** The operations done, and the one being sent. */
        final List<Planner.Op> done = new ArrayList<>();
        /** What the upstream answered to each done operation (null: a delete, or no body). */
        final List<StoredObject> answers = new ArrayList<>();
        Planner.Op sending;

        Sent(Predicate<String> blind) {
            this.blind = blind;
        }

        void record(Planner.Op op, StoredObject held) {
            done.add(op);
            answers.add(held);
            changes.addAll(Planner.answered(op, held == null ? null : held.body(), blind));
            if (held != null && held.version() != null) {
                version = held.version();
            }
        }
    }

    private static Uni<Void> send(ObjectStore store, Cluster cluster, ObjectRef ref, Planner.Op op, Sent sent) {
        sent.sending = op;
        Uni<StoredObject> answer = switch (op.action()) {
            case CREATE -> store.create(cluster, op.address(), op.body());
            case UPDATE -> store.update(cluster, op.address(), op.body());
            case DELETE -> store.delete(cluster, op.address()).replaceWith((StoredObject) null);
            case UNCHANGED -> throw new IllegalStateException("nothing to send");
        };
        return answer.invoke(held -> sent.record(op, held))
                .onFailure(Reread::mayHaveLanded)
                .recoverWithUni(failure -> reread(store, cluster, ref, op, sent, failure))
                .replaceWithVoid();
    }

    /** After a write without answer: what the upstream holds decides whether it was applied. */
    private static Uni<StoredObject> reread(ObjectStore store, Cluster cluster, ObjectRef ref, Planner.Op op,
            Sent sent, Throwable failure) {
        Problem write = problem(failure, cluster);
        return store.get(cluster, op.address())
                .onFailure().transform(e -> Reread.unknown(write, problem(e, cluster), ref, cluster.name()))
                .invoke(now -> {
                    if (!Reread.applied(op, now)) {
                        throw new ProblemException(write.withDetail(write.detail() + "; reading " + ref
                                + " again shows the write was not applied"));
                    }
                    sent.record(op, op.action() == Planner.Action.DELETE ? null : now);
                });
    }

    private static boolean isConcurrentChange(Throwable t) {
        return t instanceof ProblemException p && p.problem().status() == 409 && p.problem().upstream() != null;
    }

    private static WriteResult planned(Step s) {
        ObjectRef ref = s.shown();
        if (s.problem() != null) {
            return WriteResult.failed(s.cluster().name(), ref, s.problem());
        }
        return WriteResult.of(s.cluster().name(), ref, s.plan().action().wire(), s.current().version(),
                s.plan().changes());
    }

    private static Problem problem(Throwable t, Cluster cluster) {
        if (t instanceof ProblemException p) {
            return p.problem().cluster() == null ? p.problem().withTarget(cluster.name(), null) : p.problem();
        }
        LOG.errorf(t, "Unexpected failure writing to cluster %s", cluster.name());
        return Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly while writing to cluster "
                + cluster.name()).withTarget(cluster.name(), null);
    }
}
