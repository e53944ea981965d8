package io.higress.fleet.rollout;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.upstream.UpstreamRefused;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One cluster's steps: snapshot (journaled before the first write) → applying → verifying → baking → succeeded.
 * Each step is skipped when the journal shows it done, so a resumed rollout continues where it stopped; a re-run
 * apply re-plans and writes nothing when the first run had already written. Never fails: a failure becomes the
 * cluster's {@code failed} state; a pause, cancel, sibling failure or engine stop leaves it where it is.
 * <p>
 * A gate check the facade was too busy to make (a gateway's bulkhead refused the gate's read) is no verdict: the
 * cluster's {@code note} says so and the check is made again — within the verify timeout while verifying, at the next
 * poll while baking; a bake ends on a check that decided, at most a verify timeout after its end.
 */
final class ClusterStepRunner {

    /** Journals a change of one cluster (fsync'd when the Uni completes). */
    interface Persist {
        Uni<Void> apply(Rollout r, ClusterProgress cluster, Consumer<RolloutDocument> change);
    }

    /** The rollout stopped driving this cluster (pause, cancel, failure elsewhere, engine stopped). */
    static final class Halted extends RuntimeException {
        Halted() {
            super("halted", null, false, false);
        }
    }

    static final class GateFailed extends RuntimeException {
        GateFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The gate could not read a gateway because the facade itself was busy: undecided, check again. */
    static final class GateBusy extends RuntimeException {
        GateBusy(String reason) {
            super(reason, null, false, false);
        }
    }

    private final ClusterRegistry registry;
    private final RolloutTarget target;
    private final HealthGate gate;
    private final RolloutTimers timers;
    private final RolloutSettings settings;
    private final Persist persist;
    private final java.util.function.Predicate<Rollout> halted;

    ClusterStepRunner(ClusterRegistry registry, RolloutTarget target, HealthGate gate, RolloutTimers timers,
            RolloutSettings settings, Persist persist, java.util.function.Predicate<Rollout> halted) {
        this.registry = registry;
        this.target = target;
        this.gate = gate;
        this.timers = timers;
        this.settings = settings;
        this.persist = persist;
        this.halted = halted;
    }

    Uni<Void> run(Rollout r, ClusterProgress cp) {
        RolloutSpec spec = r.read(d -> d.spec);
        return Uni.createFrom().deferred(() -> {
                    Cluster cluster = registry.get(cp.name);
                    return guard(r, () -> snapshot(r, cp, cluster, spec))
                            .chain(() -> guard(r, () -> apply(r, cp, cluster, spec)))
                            .chain(() -> guard(r, () -> verify(r, cp, cluster, spec)))
                            .chain(() -> guard(r, () -> bake(r, cp, cluster, spec)));
                })
                .onFailure(Halted.class).recoverWithItem((Void) null)
                // the store failing is no failure of the cluster: the loop stops, the cluster stays as stored
                .onFailure(e -> !storeError(e)).recoverWithUni(e -> persist.apply(r, cp, d -> {
                    cp.state = ClusterState.FAILED;
                    cp.error = e instanceof GateFailed ? e.getMessage() : "cluster " + cp.name + ": " + e.getMessage();
                    cp.finishedAt = Instant.now();
                }));
    }

    static boolean storeError(Throwable e) {
        return e instanceof HomeRolloutStore.Unavailable || e instanceof HomeRolloutStore.LostWrite;
    }

    private <T> Uni<T> guard(Rollout r, Supplier<Uni<T>> step) {
        return halted.test(r) ? Uni.createFrom().failure(new Halted()) : step.get();
    }

    private Uni<Void> snapshot(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec) {
        if (cp.touched()) {
            return Uni.createFrom().voidItem();
        }
        return persist.apply(r, cp, d -> {
                    cp.state = ClusterState.APPLYING;
                    cp.startedAt = Instant.now();
                })
                .chain(() -> target.snapshot(cluster, spec.objects()))
                .chain(snapshot -> (spec.healthGate().checksConverged()
                        ? gate.xdsVersions(cluster, XdsSection.touchedBy(spec.objects()))
                        : Uni.createFrom().item(Map.<String, String>of()))
                        .chain(versions -> rejectedBefore(r, cp, cluster, spec)
                                .chain(rejected -> persist.apply(r, cp, d -> {
                                    cp.snapshot = snapshot;
                                    cp.xdsBefore = versions;
                                    cp.rejectedBefore = rejected;
                                }))));
    }

    /** The rejected-update counters before the first write: what "rose during the wave" is measured against. */
    private Uni<Map<String, Map<String, Long>>> rejectedBefore(Rollout r, ClusterProgress cp, Cluster cluster,
            RolloutSpec spec) {
        if (!spec.healthGate().checksRejected()) {
            return Uni.createFrom().nullItem();
        }
        return decided(r, cp, Instant.now().plus(settings.verifyTimeout()),
                () -> sample(cluster, false, false)).map(GateSample::rejections);
    }

    private Uni<Void> apply(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec) {
        if (cp.applyFinished) {
            return Uni.createFrom().voidItem();
        }
        // guarded again right before the write: storing applyStarted may take long (a slow home API), long
        // enough to lose the Lease meanwhile
        return persist.apply(r, cp, d -> cp.applyStarted = true)
                .chain(() -> guard(r, () -> target.apply(cluster, spec.objects(), spec.force(), r.id())))
                .chain(actions -> persist.apply(r, cp, d -> {
                    cp.actions = actions;
                    cp.applyFinished = true;
                    cp.appliedAt = Instant.now();
                    cp.state = ClusterState.VERIFYING;
                }));
    }

    /** Ready now (a failure fails at once); converged within the verify timeout, polled. */
    private Uni<Void> verify(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec) {
        Instant deadline = Instant.now().plus(settings.verifyTimeout());
        return persist.apply(r, cp, d -> cp.state = ClusterState.VERIFYING)
                .chain(() -> decided(r, cp, deadline, () -> readyGate(cluster, spec)))
                .chain(() -> spec.healthGate().checksRejected() ? decided(r, cp, deadline,
                        () -> sample(cluster, false, false).invoke(now -> rejectedGate(r, cp, cluster, now)))
                        .replaceWithVoid() : Uni.createFrom().voidItem())
                .chain(() -> spec.healthGate().checksConverged() ? awaitConverged(r, cp, cluster, deadline)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> awaitConverged(Rollout r, ClusterProgress cp, Cluster cluster, Instant deadline) {
        return gate.converged(cluster, cp.xdsBefore == null ? Map.of() : cp.xdsBefore,
                        XdsSection.touchedBy(r.read(d -> d.spec).objects()))
                .onFailure().recoverWithItem(e -> GateResult.failed("cluster " + cluster.name()
                        + ": cannot read the config_dump: " + e.getMessage()))
                .chain(result -> {
                    if (result.passed()) {
                        return note(r, cp, null);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return Uni.createFrom().failure(new GateFailed(result.failure() + " after "
                                + settings.verifyTimeout().toSeconds() + "s"));
                    }
                    // what it waits for, visible while it waits (the cluster's note, the SSE events)
                    return note(r, cp, "waiting for convergence: " + result.failure())
                            .chain(() -> timers.sleep(r.id(), settings.maxPollInterval().dividedBy(5)))
                            .chain(() -> guard(r, () -> awaitConverged(r, cp, cluster, deadline)));
                });
    }

    private Uni<Void> bake(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec) {
        Duration wait = spec.waitDuration();
        Instant until = Instant.now().plus(wait);
        HealthGateSpec gate = spec.healthGate();
        // the samples of this bake, oldest first (the window's start is one of them); in memory: a resumed
        // cluster bakes again in full
        List<GateSample> samples = new ArrayList<>();
        Uni<GateSample> baseline = gate.checksMetrics()
                ? decided(r, cp, until.plus(settings.verifyTimeout()), () -> sample(cluster, true,
                        gate.maxP99Ms() != null))
                : Uni.createFrom().nullItem();
        Duration interval = gate.intervalDuration() != null ? gate.intervalDuration() : settings.pollInterval(wait);
        return persist.apply(r, cp, d -> cp.state = ClusterState.BAKING)
                .chain(() -> baseline)
                .invoke(base -> {
                    if (base != null) {
                        samples.add(base);
                    }
                })
                .chain(() -> bakeUntil(r, cp, cluster, spec, samples, until, interval))
                .chain(() -> persist.apply(r, cp, d -> {
                    cp.state = ClusterState.SUCCEEDED;
                    cp.finishedAt = Instant.now();
                }));
    }

    /**
     * Sleeps a check interval, checks the gate, until the bake ends or is promoted. A check the facade was too busy
     * for is skipped; past the end of the bake, checks go on until one decides (for at most the verify timeout).
     * A bake that ends with too little traffic for the metrics does what {@code onNoTraffic} says: pass (the
     * cluster's note says so), fail, or wait for the traffic (checks go on, for at most the verify timeout).
     */
    private Uni<Void> bakeUntil(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec,
            List<GateSample> samples, Instant until, Duration interval) {
        Duration left = Duration.between(Instant.now(), until);
        boolean undecided = r.read(d -> cp.note) != null;
        Uni<Void> pause = left.isNegative() || left.isZero()
                ? undecided ? timers.sleep(r.id(), settings.maxPollInterval().dividedBy(5)) : Uni.createFrom().voidItem()
                : timers.sleep(r.id(), left.compareTo(interval) < 0 ? left : interval);
        NoTraffic onNoTraffic = spec.healthGate().noTraffic();
        return pause
                .chain(() -> guard(r, () -> check(r, cp, cluster, spec, samples)))
                .chain(verdict -> note(r, cp, verdict.outcome() == ChangeMetrics.Outcome.NOT_ENOUGH_TRAFFIC
                        ? "health gate waiting for traffic: " + verdict.message() : null).replaceWith(verdict))
                .onFailure(GateBusy.class).recoverWithUni(e -> note(r, cp, busyNote(e))
                        .replaceWith((ChangeMetrics.Verdict) null))
                .chain(verdict -> {
                    boolean promoted = r.read(d -> d.promotedWave >= d.currentWave);
                    boolean over = !Instant.now().isBefore(until);
                    boolean late = Instant.now().isAfter(until.plus(settings.verifyTimeout()));
                    if (promoted) {
                        return Uni.createFrom().voidItem();
                    }
                    if (over && verdict != null) {
                        if (verdict.outcome() != ChangeMetrics.Outcome.NOT_ENOUGH_TRAFFIC) {
                            return Uni.createFrom().voidItem();
                        }
                        switch (onNoTraffic) {
                            case PASS:
                                return note(r, cp, verdict.message() + "; passed (onNoTraffic: pass)");
                            case FAIL:
                                return Uni.createFrom().failure(new GateFailed(verdict.message()
                                        + " (onNoTraffic: fail)"));
                            default:
                                if (late) {
                                    return Uni.createFrom().failure(new GateFailed(verdict.message() + " within "
                                            + settings.verifyTimeout().toSeconds() + " s past the bake "
                                            + "(onNoTraffic: wait)"));
                                }
                                return bakeUntil(r, cp, cluster, spec, samples, until, interval);
                        }
                    }
                    if (over && late) {
                        return Uni.createFrom().failure(new GateFailed(undecided(r, cp)));
                    }
                    return bakeUntil(r, cp, cluster, spec, samples, until, interval);
                });
    }

    /** Runs {@code check} until it decides: while the facade is too busy to read a gateway, again after a pause. */
    private <T> Uni<T> decided(Rollout r, ClusterProgress cp, Instant giveUpAt, Supplier<Uni<T>> check) {
        return check.get()
                .call(() -> note(r, cp, null))
                .onFailure(GateBusy.class).recoverWithUni(e -> {
                    if (Instant.now().isAfter(giveUpAt)) {
                        return Uni.createFrom().failure(new GateFailed(undecided(r, cp)));
                    }
                    return note(r, cp, busyNote(e))
                            .chain(() -> timers.sleep(r.id(), settings.maxPollInterval().dividedBy(5)))
                            .chain(() -> guard(r, () -> decided(r, cp, giveUpAt, check)));
                });
    }

    private static String busyNote(Throwable busy) {
        return "health gate undecided, checking again: " + busy.getMessage();
    }

    private String undecided(Rollout r, ClusterProgress cp) {
        return "cluster " + cp.name + ": the health gate could not decide within "
                + settings.verifyTimeout().toSeconds() + " s, the facade was too busy to read its gateways ("
                + r.read(d -> cp.note) + ")";
    }

    /** Journals what the gate last said when it could not decide (null: it decided), when that changed. */
    private Uni<Void> note(Rollout r, ClusterProgress cp, String note) {
        if (Objects.equals(r.read(d -> cp.note), note)) {
            return Uni.createFrom().voidItem();
        }
        return persist.apply(r, cp, d -> cp.note = note);
    }

    /** One check during the bake: ready, no update rejected since the apply, the metrics over the window. */
    private Uni<ChangeMetrics.Verdict> check(Rollout r, ClusterProgress cp, Cluster cluster, RolloutSpec spec,
            List<GateSample> samples) {
        HealthGateSpec gate = spec.healthGate();
        ChangeMetrics.Verdict passed = new ChangeMetrics.Verdict(ChangeMetrics.Outcome.PASSED, null);
        Uni<Void> ready = readyGate(cluster, spec);
        if (!gate.checksMetrics() && !gate.checksRejected()) {
            return ready.replaceWith(passed);
        }
        return ready.chain(() -> sample(cluster, gate.checksMetrics(), gate.maxP99Ms() != null)).map(now -> {
            if (gate.checksRejected()) {
                rejectedGate(r, cp, cluster, now);
            }
            if (!gate.checksMetrics() || samples.isEmpty()) {
                return passed;
            }
            GateSample base = windowStart(samples, now, gate.windowDuration());
            samples.add(now);
            ChangeMetrics.Verdict verdict = ChangeMetrics.judge(cluster.name(), gate, GateScope.of(spec.objects()),
                    base, now);
            if (verdict.outcome() == ChangeMetrics.Outcome.FAILED) {
                throw new GateFailed(verdict.message());
            }
            return verdict;
        });
    }

    /** The oldest sample still inside the window (the bake's first without one); older ones are dropped. */
    private static GateSample windowStart(List<GateSample> samples, GateSample now, Duration window) {
        int start = 0;
        if (window != null) {
            Instant from = now.at().minus(window);
            for (int i = 0; i < samples.size(); i++) {
                if (!samples.get(i).at().isAfter(from)) {
                    start = i;
                }
            }
        }
        samples.subList(0, start).clear();
        return samples.get(0);
    }

    /** Fails the cluster when a gateway rejected configuration since the counters journaled before the apply. */
    private static void rejectedGate(Rollout r, ClusterProgress cp, Cluster cluster, GateSample now) {
        Map<String, Map<String, Long>> before = r.read(d -> cp.rejectedBefore);
        if (before == null) {
            return; // journaled by a facade that did not take them: nothing to compare with
        }
        List<String> rejected = RejectedUpdates.since(before, now.rejections());
        if (!rejected.isEmpty()) {
            throw new GateFailed("cluster " + cluster.name() + ": Envoy rejected configuration during the wave: "
                    + String.join("; ", rejected));
        }
    }

    private Uni<Void> readyGate(Cluster cluster, RolloutSpec spec) {
        if (!spec.healthGate().checksReady()) {
            return Uni.createFrom().voidItem();
        }
        return gate.ready(cluster)
                .onFailure().recoverWithItem(e -> GateResult.failed("cluster " + cluster.name() + ": " + e.getMessage()))
                .invoke(result -> {
                    if (result.busy()) {
                        throw new GateBusy(result.failure());
                    }
                    if (!result.passed()) {
                        throw new GateFailed(result.failure());
                    }
                }).replaceWithVoid();
    }

    private Uni<GateSample> sample(Cluster cluster, boolean metrics, boolean histograms) {
        return gate.sample(cluster, metrics, histograms).onFailure().transform(e -> e instanceof GateFailed ? e
                : UpstreamRefused.isBusy(e)
                ? new GateBusy("cluster " + cluster.name() + ": the facade was too busy to read the gateways' stats: "
                        + e.getMessage())
                : new GateFailed("cluster " + cluster.name() + ": cannot read the gateways' stats: " + e.getMessage()));
    }
}
