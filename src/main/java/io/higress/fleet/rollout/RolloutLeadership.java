package io.higress.fleet.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Which replica drives the rollouts: the holder of a {@code coordination.k8s.io} Lease in the home namespace
 * (fabric8's {@link LeaderElector}). Gaining it, the engine resumes every unfinished rollout from the store
 * ({@link RolloutEngine#lead}); losing it (not renewed within the renew deadline, shorter than the Lease's duration
 * another replica waits out), the engine stops driving at once ({@link RolloutEngine#follow}). The election and
 * the engine's start each run on a thread of their own: a slow resume never delays a renewal.
 */
final class RolloutLeadership {
    private static final Logger LOG = Logger.getLogger(RolloutLeadership.class);

    /** The Lease's timing: duration > renew deadline > 1.2 × retry period, checked by FleetConfigValidator. */
    @RegisterForReflection
    record Timing(String leaseName, Duration duration, Duration renewDeadline, Duration retryPeriod,
            Duration retention) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private volatile LeaderElector elector;
    private final RolloutEngine engine;
    private final String identity;
    private final ExecutorService electing;
    private final ScheduledExecutorService rejoining;
    private final ExecutorService leading;
    /** Counts terms: a start of leading queued behind its own end does nothing. */
    private final AtomicLong term = new AtomicLong();
    private final Timing timing;
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile CompletableFuture<?> running;
    private final boolean releaseOnStop;

    RolloutLeadership(KubernetesClient client, String namespace, String identity, Timing timing,
            RolloutEngine engine, boolean releaseOnStop) {
        this.engine = engine;
        this.identity = identity;
        this.releaseOnStop = releaseOnStop;
        this.timing = timing;
        this.electing = Executors.newCachedThreadPool(r -> daemon(r, "rollout-lease-" + identity));
        this.rejoining = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rollout-rejoin-" + identity));
        this.leading = Executors.newSingleThreadExecutor(r -> daemon(r, "rollout-leader-" + identity));
        this.client = client;
        this.namespace = namespace;
    }

    /** A new elector per turn in the election: fabric8's ends for good once it has lost the Lease. */
    private LeaderElector elector() {
        return new LeaderElector(client, new LeaderElectionConfigBuilder()
                .withName(timing.leaseName())
                .withLock(new LeaseLock(namespace, timing.leaseName(), identity))
                .withLeaseDuration(timing.duration())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(false) // released in stop(), on the caller's thread
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                        holder -> LOG.infof("Rollout Lease %s/%s is held by %s", namespace, timing.leaseName(),
                                holder)))
                .build(), electing);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void started() {
        leader = true;
        long mine = term.incrementAndGet();
        // the engine compares the term under its lock: a start queued behind its own end does nothing
        leading.execute(() -> {
            try {
                engine.lead(mine, timing.retention());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Resuming the rollouts as leader failed: %s", e.getMessage());
            }
        });
    }

    private void stopped() {
        leader = false;
        engine.follow(term.incrementAndGet());
    }

    /**
     * Joins the election; returns at once. fabric8's elector ends once it has lost the Lease: this replica joins
     * again then, to take over when the holder dies.
     */
    void start() {
        if (closed) {
            return;
        }
        LOG.infof("Replica %s joins the election for the rollouts' Lease", identity);
        LeaderElector turn = elector();
        elector = turn;
        CompletableFuture<?> f = turn.start();
        running = f;
        f.whenComplete((v, t) -> {
            if (!closed) {
                try {
                    // after a retry period: an election that ends at once (home unreachable) does not spin
                    rejoining.schedule(this::start, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // stopping
                }
            }
        });
    }

    boolean leader() {
        return leader;
    }

    /**
     * Leaves the election: the engine stops driving first and the steps in flight finish (an apply already sent
     * is stored as done), for at most the renew deadline while the elector still renews; only then is the Lease
     * released (on a shutdown), so the next holder never repeats a step still running here. Steps still running
     * at the deadline keep the Lease unreleased: it expires, as a killed process would leave it.
     */
    void stop() {
        closed = true;
        stopped();
        boolean idle = engine.awaitIdle(timing.renewDeadline());
        CompletableFuture<?> f = running;
        if (f != null) {
            f.cancel(true);
        }
        LeaderElector turn = elector;
        if (releaseOnStop && turn != null) {
            if (!idle) {
                LOG.warnf("Rollout steps still run after %s: the rollouts' Lease is not released, it expires",
                        timing.renewDeadline());
            } else {
                try {
                    turn.release(); // the next replica takes over at its next retry, not after the Lease's duration
                } catch (RuntimeException e) {
                    LOG.warnf("The rollouts' Lease was not released (%s): it expires", e.getMessage());
                }
            }
        }
        rejoining.shutdownNow();
        electing.shutdownNow();
        leading.shutdownNow();
    }
}
