package io.higress.fleet.rollout;

import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives rollouts wave by wave: the clusters of a wave in parallel (up to {@code maxParallel}), the next wave once
 * every cluster of this one has baked. The store is the source of truth: every step boundary is stored before the
 * engine goes on, and {@link #resumeAll} continues unfinished rollouts from it, so an engine can be dropped at any
 * point ({@link #stop}) and a new one started over the same store.
 * <p>
 * Over a shared store ({@link HomeRolloutStore}) only the leading engine drives ({@link #lead}, {@link #follow}): a
 * following one stores new rollouts without driving them, records controls as requests for the leader
 * ({@link RolloutStore#request}) and shows what the store's watch tells it ({@link #seen}).
 */
public final class RolloutEngine {
    private static final Logger LOG = Logger.getLogger(RolloutEngine.class);

    private enum Next { HALT, START, AWAIT_APPROVAL, AWAIT_WINDOW, PRE_WAVE_HOOKS, RUN_WAVE, POST_WAVE_HOOKS, NEXT_WAVE,
        FAILED, ROLL_BACK }

    private final RolloutStore store;
    private final RolloutTimers timers;
    private final ClusterStepRunner steps;
    private final RollbackRunner rollback;
    private final RolloutSettings settings;
    /** The time windows are read on it: tests set the time instead of waiting for it. */
    private final Clock clock;
    private final WaveHooks hooks;
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    /** cluster + object → the unfinished rollout that writes it. */
    private final Map<String, String> owners = new HashMap<>();
    private volatile boolean stopped;
    private volatile StateListener listener;
    /** Whether this engine drives: always with a store of its own; over a shared one while it holds the Lease. */
    private volatile boolean leading = true;
    /** Guards {@link #term} and the term's check-then-set of {@link #leading}. */
    private final Object terms = new Object();
    /** The latest Lease term this engine heard of (a start or an end). */
    private long term;

    public RolloutEngine(ClusterRegistry registry, RolloutTarget target, HealthGate gate, RolloutJournal journal,
            Vertx vertx, RolloutSettings settings) {
        this(registry, target, gate, journal, vertx, settings, Clock.systemUTC());
    }

    public RolloutEngine(ClusterRegistry registry, RolloutTarget target, HealthGate gate, RolloutJournal journal,
            Vertx vertx, RolloutSettings settings, Clock clock) {
        this(registry, target, gate, (RolloutStore) journal, vertx, settings, clock);
    }

    RolloutEngine(ClusterRegistry registry, RolloutTarget target, HealthGate gate, RolloutStore store,
            Vertx vertx, RolloutSettings settings) {
        this(registry, target, gate, store, vertx, settings, Clock.systemUTC());
    }

    RolloutEngine(ClusterRegistry registry, RolloutTarget target, HealthGate gate, RolloutStore store,
            Vertx vertx, RolloutSettings settings, Clock clock) {
        this.clock = clock;
        this.hooks = new WaveHooks(vertx, clock);
        this.store = store;
        this.timers = new RolloutTimers(vertx);
        this.steps = new ClusterStepRunner(registry, target, gate, timers, settings, this::persist, this::halted);
        this.rollback = new RollbackRunner(registry, target, this::persist, () -> !stopped && leading);
        this.settings = settings;
    }

    /** Loads the store and continues every running rollout. Blocking (reads the store): call it off the event loop. */
    public void resumeAll() {
        for (RolloutDocument doc : store.load()) {
            boolean[] created = {false};
            // the one instance per id: the watch may add this rollout meanwhile (seen), and only one is driven
            Rollout r = rollouts.computeIfAbsent(doc.id, id -> {
                created[0] = true;
                return new Rollout(doc);
            });
            if (!created[0] && !r.adopt(doc)) {
                continue; // still driven by this engine (a term that has not wound down): its state is newer
            }
            try {
                if (!doc.state.terminal()) {
                    claim(doc.id, doc.spec);
                }
                if (leading && (doc.state == RolloutState.RUNNING || doc.state == RolloutState.PENDING)) {
                    LOG.infof("Resuming rollout %s at wave %d of %d", doc.id, doc.currentWave + 1, doc.waves.size());
                    drive(r);
                }
                if (leading) {
                    take(r, store.requests(doc.id));
                }
            } catch (RuntimeException e) {
                // one rollout that cannot go on (two replicas started rollouts of the same objects, the home API
                // failed) does not keep the others from being driven: it stays where it is, saying why
                String why = e instanceof ProblemException p ? p.problem().detail() : e.getMessage();
                LOG.errorf("Rollout %s not resumed: %s", doc.id, why);
                r.update(null, d -> d.reason = "not resumed: " + why);
            }
        }
    }

    /**
     * This engine holds the Lease now (term {@code term} of {@link RolloutLeadership}): it continues every
     * unfinished rollout from the store (and the controls other replicas asked for meanwhile). Nothing when a later
     * term ended meanwhile: the term is compared and {@code leading} set in one locked step. Blocking: the leader's
     * thread.
     */
    void lead(long term, Duration retention) {
        synchronized (terms) {
            if (term < this.term) {
                return;
            }
            this.term = term;
            leading = true;
        }
        LOG.info("Leading: this replica drives the rollouts now");
        try {
            store.prune(Instant.now().minus(retention)).forEach(this::gone);
        } catch (RuntimeException e) {
            LOG.warnf("Pruning the finished rollouts failed (%s): they are pruned at the next term", e.getMessage());
        }
        resumeAll();
    }

    /**
     * This engine lost the Lease (term {@code term} ended): it stops driving at once, before the Lease expires for
     * another replica. Waits end now, so each loop meets the halt at its next step boundary and leaves the
     * driver's seat.
     */
    void follow(long term) {
        synchronized (terms) {
            this.term = Math.max(this.term, term);
            if (leading) {
                LOG.info("Following: another replica drives the rollouts");
            }
            leading = false;
        }
        timers.wakeAll();
    }

    /** Follows until a term is won. */
    void follow() {
        follow(0);
    }

    /** A rollout whose object was deleted (pruned): it is shown no more. */
    void gone(String id) {
        Rollout r = rollouts.get(id);
        if (r != null && r.read(d -> d.state.terminal())) {
            rollouts.remove(id, r);
            release(id);
        }
    }

    boolean leading() {
        return leading;
    }

    /**
     * Waits (blocking, at most {@code within}) until no rollout is driven any more: after {@link #follow} every
     * loop leaves the driver's seat at its next step boundary, but a step in flight (an apply) finishes first.
     * True when none is driven.
     */
    boolean awaitIdle(Duration within) {
        Instant until = Instant.now().plus(within);
        while (rollouts.values().stream().anyMatch(Rollout::driving)) {
            if (!Instant.now().isBefore(until)) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * A rollout's state as the shared store holds it now (its watch): a following engine shows it; the leading one
     * takes the rollouts other replicas created and the controls they asked for.
     */
    void seen(RolloutDocument doc, List<ControlRequest> requests) {
        if (stopped) {
            return;
        }
        boolean[] made = {false};
        Rollout r = rollouts.computeIfAbsent(doc.id, id -> {
            made[0] = true;
            return new Rollout(doc);
        });
        boolean created = made[0];
        if (!leading) {
            r.adopt(doc);
        }
        if (doc.state.terminal()) {
            release(doc.id);
        } else {
            claim(doc.id, doc.spec);
        }
        if (leading) {
            if (created) {
                drive(r);
            }
            Rollout taken = r;
            // take() waits for its writes: on a worker, never on the informer's thread
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    take(taken, requests);
                } catch (RuntimeException e) {
                    LOG.warnf("Controls asked for rollout %s on another replica not taken yet: %s", taken.id(),
                            e.getMessage());
                }
            });
        }
    }

    /** Applies the controls asked on other replicas that this engine has not taken yet, in order. */
    private synchronized void take(Rollout r, List<ControlRequest> requests) {
        for (int i = r.read(d -> d.requestsHandled); i < requests.size(); i++) {
            if (!leading) {
                return; // the next leader takes the rest
            }
            ControlRequest request = requests.get(i);
            int index = i;
            try {
                control(r.id(), request.action(), request.by(), d -> d.requestsHandled = index + 1)
                        .await().atMost(Duration.ofSeconds(30));
                LOG.infof("Rollout %s: %s asked by %s on another replica", r.id(), request.action().wire(),
                        request.by());
            } catch (ProblemException e) {
                // no longer allowed (it ended meanwhile): taken all the same, as the answer already said
                persist(r, null, d -> d.requestsHandled = Math.max(d.requestsHandled, index + 1))
                        .await().atMost(Duration.ofSeconds(30));
                LOG.infof("Rollout %s: %s asked on another replica does not apply now: %s", r.id(),
                        request.action().wire(), e.problem().detail());
            }
        }
    }

    /** Journals a new rollout and starts it; 409 when an unfinished rollout writes one of its objects somewhere. */
    public Uni<RolloutView> start(RolloutSpec spec, String createdBy) {
        RolloutDocument doc = new RolloutDocument();
        doc.id = UUID.randomUUID().toString();
        doc.createdBy = createdBy;
        doc.createdAt = Instant.now();
        doc.updatedAt = doc.createdAt;
        doc.spec = spec;
        doc.waves = spec.waves().stream().map(w -> w.stream().map(ClusterProgress::new).toList()).toList();
        claim(doc.id, spec);
        Rollout r = new Rollout(doc);
        rollouts.put(doc.id, r);
        return write(r.line()).invoke(() -> drive(r)).map(x -> r.view());
    }

    public Collection<RolloutView> list() {
        return rollouts.values().stream().map(Rollout::view)
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    public RolloutView view(String id) {
        return get(id).view();
    }

    public Multi<RolloutEvent> events(String id) {
        return get(id).events();
    }

    public Uni<RolloutView> pause(String id) {
        return control(id, Control.PAUSE, null, d -> { });
    }

    /** Continues a paused rollout; the clusters that failed the gate (onFailure: pause) are verified again. */
    public Uni<RolloutView> resume(String id) {
        return control(id, Control.RESUME, null, d -> { });
    }

    /** Stops at the next step boundary; clusters already applied keep the new objects. */
    public Uni<RolloutView> cancel(String id) {
        return control(id, Control.CANCEL, null, d -> { });
    }

    /** Ends the current wave's bakes now (the gate is not checked for the rest of the wait). */
    public Uni<RolloutView> promote(String id) {
        return control(id, Control.PROMOTE, null, d -> { });
    }

    /**
     * Lets a wave that waits for its promotion start (confirmPromotion). The creator may approve only when
     * {@code creatorMayApprove}: four eyes by default.
     */
    public Uni<RolloutView> approve(String id, String by, boolean creatorMayApprove) {
        Rollout r = get(id);
        String creator = r.read(d -> d.createdBy);
        if (!creatorMayApprove && by.equals(creator) && r.read(RolloutDocument::awaitingApproval)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "rollout " + id + " was created by " + by
                    + ", who cannot approve its promotion too").withHint("another operator approves it "
                    + "(fleet.rollouts.creator-may-approve allows the creator)"));
        }
        return control(id, Control.APPROVE, by, d -> { });
    }

    /** Drops the engine as a crash would: no timer fires, nothing more is stored. */
    public void stop() {
        stopped = true;
        timers.cancelAll();
        hooks.close();
    }

    private static boolean allowed(Control action, RolloutDocument d) {
        return switch (action) {
            case PAUSE -> d.state == RolloutState.RUNNING || d.state == RolloutState.PENDING;
            case RESUME -> d.state == RolloutState.PAUSED;
            case CANCEL -> !d.state.terminal();
            case PROMOTE -> d.state == RolloutState.RUNNING;
            case APPROVE -> d.awaitingApproval();
        };
    }

    private static void change(Control action, String by, RolloutDocument d) {
        switch (action) {
            case PAUSE -> d.state = RolloutState.PAUSED;
            case RESUME -> {
                d.state = RolloutState.RUNNING;
                d.reason = null;
                if (d.currentWave < d.waves.size()) {
                    for (ClusterProgress c : d.waves.get(d.currentWave)) {
                        if (c.state == ClusterState.FAILED) {
                            c.state = c.applyFinished ? ClusterState.VERIFYING : ClusterState.PENDING;
                            c.error = null;
                        }
                    }
                }
            }
            case CANCEL -> {
                d.state = RolloutState.CANCELLED;
                d.reason = "cancelled";
            }
            case PROMOTE -> d.promotedWave = d.currentWave;
            case APPROVE -> {
                d.approvedWave = d.currentWave;
                List<String> approvals = d.approvals == null ? new ArrayList<>() : new ArrayList<>(d.approvals);
                approvals.add("wave " + (d.currentWave + 1) + ": " + by);
                d.approvals = approvals;
            }
        }
    }

    private static void check(Control action, String id, RolloutDocument d) {
        if (!allowed(action, d)) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "cannot " + action.wire() + " rollout " + id
                    + ": it is " + d.state.wire()).withHint("GET /api/v1/rollouts/" + id + " shows its state"));
        }
    }

    /**
     * A control: the leading engine changes the rollout and stores it; a following one records it for the leader
     * in the shared store (checked against the stored state) and answers the state the control will make.
     */
    private Uni<RolloutView> control(String id, Control action, String by, Consumer<RolloutDocument> also) {
        Rollout r = get(id);
        if (!leading) {
            ControlRequest request = new ControlRequest(UUID.randomUUID().toString(), action,
                    by != null ? by : System.getenv().getOrDefault("HOSTNAME", "another replica"), Instant.now());
            return Uni.createFrom().item(() -> {
                RolloutDocument stored = store.request(id, request, d -> check(action, id, d));
                change(action, request.by(), stored);
                return RolloutView.of(stored);
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        Rollout.Line line;
        synchronized (r) {
            r.read(d -> {
                check(action, id, d);
                return null;
            });
            line = update(r, null, d -> {
                change(action, by, d);
                also.accept(d);
            });
        }
        timers.wake(id);
        Uni<Void> written = write(line);
        if (action == Control.RESUME) {
            written = written.invoke(() -> drive(r));
        }
        return written.map(x -> r.view());
    }

    private Rollout get(String id) {
        Rollout r = rollouts.get(id);
        if (r == null) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "no rollout " + id)
                    .withHint("GET /api/v1/rollouts lists the rollouts"));
        }
        return r;
    }

    private void drive(Rollout r) {
        if (leading && !stopped && r.startDriving()) {
            loop(r).subscribe().with(x -> { }, e -> {
                LOG.errorf(e, "Rollout %s stopped: %s", r.id(), e.getMessage());
                r.releaseDriver();
            });
        }
    }

    private Uni<Void> loop(Rollout r) {
        if (stopped || !leading) {
            r.releaseDriver(); // a stopped engine never drives again; a following one may lead again later
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return switch (r.read(d -> next(d, now))) {
            case HALT -> r.stopDrivingUnlessRunning() ? Uni.createFrom().voidItem() : loop(r);
            case START -> persist(r, null, d -> d.state = RolloutState.RUNNING).chain(() -> loop(r));
            // approve, pause and cancel wake it (timers.wake); the poll is a safety net only
            case AWAIT_APPROVAL -> timers.sleep(r.id(), settings.maxPollInterval()).chain(() -> loop(r));
            case AWAIT_WINDOW -> awaitWindow(r, now).chain(() -> loop(r));
            case PRE_WAVE_HOOKS -> started(r).chain(() -> callHook(r, HookPhase.PRE_WAVE)).chain(() -> loop(r));
            case RUN_WAVE -> started(r).chain(() -> runWave(r)).chain(() -> loop(r));
            case POST_WAVE_HOOKS -> callHook(r, HookPhase.POST_WAVE).chain(() -> loop(r));
            case NEXT_WAVE -> persist(r, null, d -> {
                d.currentWave++;
                if (d.currentWave == d.waves.size()) {
                    d.state = RolloutState.SUCCEEDED;
                }
            }).chain(() -> loop(r));
            case FAILED -> persist(r, null, d -> {
                d.reason = d.waves.get(d.currentWave).stream().filter(c -> c.state == ClusterState.FAILED)
                        .map(c -> c.error).findFirst().orElse("a cluster failed");
                if (d.spec.onFailure().equals(RolloutSpec.PAUSE)) {
                    d.state = RolloutState.PAUSED;
                } else {
                    d.rollingBack = true;
                }
            }).chain(() -> loop(r));
            case ROLL_BACK -> rollback.run(r).chain(() -> loop(r));
        };
    }

    private static Next next(RolloutDocument d, Instant now) {
        if (d.state == RolloutState.PENDING) {
            return Next.START;
        }
        if (d.state != RolloutState.RUNNING) {
            return Next.HALT;
        }
        if (d.rollingBack) {
            return Next.ROLL_BACK;
        }
        List<ClusterProgress> wave = d.waves.get(d.currentWave);
        if (wave.stream().anyMatch(c -> c.state == ClusterState.FAILED)) {
            return Next.FAILED;
        }
        if (d.waveNotStarted()) {
            // in this order: the approval, then the window, then the pre-wave hooks, just before the first write
            if (d.awaitingApproval()) {
                return Next.AWAIT_APPROVAL;
            }
            if (d.spec.windows() != null && !RolloutWindows.of(d.spec.windows()).openAt(now)) {
                return Next.AWAIT_WINDOW;
            }
            return nextHook(d, HookPhase.PRE_WAVE) != null ? Next.PRE_WAVE_HOOKS : Next.RUN_WAVE;
        }
        if (wave.stream().allMatch(c -> c.state == ClusterState.SUCCEEDED)) {
            return nextHook(d, HookPhase.POST_WAVE) != null ? Next.POST_WAVE_HOOKS : Next.NEXT_WAVE;
        }
        return Next.RUN_WAVE;
    }

    /** The field of the first hook of {@code phase} that has not passed for the current wave; null: none. */
    private static String nextHook(RolloutDocument d, HookPhase phase) {
        List<WebhookSpec> list = d.spec.hooks(phase);
        for (int i = 0; i < list.size(); i++) {
            String field = "webhooks." + phase.wire() + "[" + i + "]";
            if (!d.hookPassed(phase, field)) {
                return field;
            }
        }
        return null;
    }

    /**
     * The current wave may not start yet (a time window): says why and when it may, stored only when that changes,
     * and looks again at the opening or after {@code maxPollInterval}, whichever comes first (pause, cancel wake it).
     */
    private Uni<Void> awaitWindow(Rollout r, Instant now) {
        RolloutWindows windows = r.read(d -> RolloutWindows.of(d.spec.windows()));
        RolloutWindows.Verdict verdict = windows.at(now);
        if (verdict.open()) {
            return Uni.createFrom().voidItem();
        }
        int wave = r.read(d -> d.currentWave + 1);
        String text = "window: wave " + wave + " waits, " + verdict.why() + "; " + (verdict.opensAt() == null
                ? "no window opens within a year" : "it starts when the windows allow, at " + windows.when(verdict
                        .opensAt()));
        Duration wait = settings.maxPollInterval();
        if (verdict.opensAt() != null && Duration.between(now, verdict.opensAt()).compareTo(wait) < 0) {
            wait = Duration.between(now, verdict.opensAt());
        }
        Duration sleep = wait;
        Uni<Void> said = text.equals(r.read(d -> d.waiting)) ? Uni.createFrom().voidItem()
                : persist(r, null, d -> d.waiting = text);
        return said.chain(() -> timers.sleep(r.id(), sleep));
    }

    /** The wave starts: what it waited for is over. */
    private Uni<Void> started(Rollout r) {
        return r.read(d -> d.waiting) == null ? Uni.createFrom().voidItem() : persist(r, null, d -> d.waiting = null);
    }

    /**
     * Calls the first hook of {@code phase} that has not passed for the current wave and journals its outcome; a
     * failed one fails the rollout as a failed health gate does ({@code onFailure}: roll back or pause). A hook in
     * flight when a replica stops driving may be called again by the next driver (at least once).
     */
    private Uni<Void> callHook(Rollout r, HookPhase phase) {
        if (stopped || !leading) {
            return Uni.createFrom().voidItem();
        }
        String field = r.read(d -> nextHook(d, phase));
        if (field == null) {
            return Uni.createFrom().voidItem();
        }
        int index = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.length() - 1));
        WebhookSpec hook = r.read(d -> d.spec.hooks(phase).get(index));
        WaveHooks.Context context = r.read(d -> WaveHooks.context(d, phase));
        return hooks.call(hook, field, context).chain(outcome -> {
            if (outcome.passed()) {
                LOG.infof("Rollout %s: %s", r.id(), outcome.reason());
            } else {
                LOG.warnf("Rollout %s: %s", r.id(), outcome.reason());
            }
            return persist(r, null, d -> {
                List<HookOutcome> all = d.hookOutcomes == null ? new ArrayList<>() : new ArrayList<>(d.hookOutcomes);
                all.add(outcome);
                d.hookOutcomes = all;
                if (!outcome.passed() && d.state == RolloutState.RUNNING && !d.rollingBack
                        && d.currentWave + 1 == outcome.wave()) {
                    d.reason = "wave " + outcome.wave() + ": " + outcome.reason() + (phase == HookPhase.PRE_WAVE
                            ? "; nothing of wave " + outcome.wave() + " was written" : "");
                    if (d.spec.onFailure().equals(RolloutSpec.PAUSE)) {
                        d.state = RolloutState.PAUSED;
                    } else {
                        d.rollingBack = true;
                    }
                }
            });
        });
    }

    private Uni<Void> runWave(Rollout r) {
        List<ClusterProgress> todo = r.read(d -> d.waves.get(d.currentWave).stream()
                .filter(c -> c.state != ClusterState.SUCCEEDED).toList());
        int parallel = r.read(d -> d.spec.maxParallel());
        return Multi.createFrom().iterable(todo).onItem().transformToUni(c -> steps.run(r, c)).merge(parallel)
                .collect().asList().replaceWithVoid();
    }

    /** Whether a cluster's steps must stop at the next boundary. */
    private boolean halted(Rollout r) {
        return stopped || !leading || r.read(d -> d.state != RolloutState.RUNNING || d.rollingBack
                || d.waves.get(d.currentWave).stream().anyMatch(c -> c.state == ClusterState.FAILED));
    }

    private Uni<Void> persist(Rollout r, ClusterProgress cluster, Consumer<RolloutDocument> change) {
        return write(update(r, cluster, change));
    }

    /** Told each change of a rollout's state, with the document after it (on the thread that made it). */
    interface StateListener {
        void changed(RolloutState from, RolloutDocument now);
    }

    /** Who hears of state changes (the webhooks); set once, before the first rollout. */
    void onStateChange(StateListener listener) {
        this.listener = listener;
    }

    private Rollout.Line update(Rollout r, ClusterProgress cluster, Consumer<RolloutDocument> change) {
        RolloutState before = r.read(d -> d.state);
        Rollout.Line line = r.update(cluster, change);
        StateListener l = listener;
        if (l != null) {
            r.read(d -> {
                if (d.state != before) {
                    l.changed(before, d);
                }
                return null;
            });
        }
        if (r.read(d -> d.state.terminal())) {
            release(r.id());
        }
        return line;
    }

    /**
     * Stores on a worker thread; a stopped engine writes nothing more. An engine that just lost the Lease still
     * stores the step it finished: the store's precondition refuses it once another replica has written.
     */
    private Uni<Void> write(Rollout.Line line) {
        return Uni.createFrom().<Void>item(() -> {
            if (!stopped) {
                store.write(line);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void claim(String id, RolloutSpec spec) {
        synchronized (owners) {
            List<String> keys = new ArrayList<>();
            for (List<String> wave : spec.waves()) {
                for (String cluster : wave) {
                    for (ObjectKey key : spec.keys()) {
                        String k = cluster + ": " + key;
                        String owner = owners.get(k);
                        if (owner != null && !owner.equals(id)) {
                            throw new ProblemException(Problem.of(ProblemType.CONFLICT, key + " in cluster " + cluster
                                    + " is being rolled out by rollout " + owner)
                                    .withTarget(cluster, null)
                                    .withHint("wait for rollout " + owner + " to finish, or cancel it"));
                        }
                        keys.add(k);
                    }
                }
            }
            keys.forEach(k -> owners.put(k, id));
        }
    }

    /** The rollout that holds {@code key} in {@code cluster}, if an unfinished one does. */
    public java.util.Optional<String> owner(String cluster, String key) {
        synchronized (owners) {
            return java.util.Optional.ofNullable(owners.get(cluster + ": " + key));
        }
    }

    private void release(String id) {
        synchronized (owners) {
            owners.values().removeIf(id::equals);
        }
    }
}
