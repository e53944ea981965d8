package io.higress.fleet.upstream;

/**
 * One upstream's circuit breaker. It judges the outcomes of the last {@code window} calls that reached the
 * upstream: once at least {@code minCalls} of them are known (capped at the window) and the failed share reaches
 * {@code failureRatio}, it opens for {@code delay}; the first call after that is a trial (half-open) whose success
 * closes it with a fresh window and whose failure opens it again. Only calls that reached the upstream are judged:
 * a call the facade refused or cut off itself (bulkhead, its own deadline spent queueing, a caller that went away)
 * is recorded by {@link #ignore}, never as a failure — so load on the facade cannot open a healthy upstream's
 * breaker. Uncontended monitor per upstream: a few field updates per call.
 */
final class CircuitBreaker {

    /** What {@link #tryAcquire} allowed: a normal call, the half-open trial, or nothing. */
    enum Permit { NORMAL, TRIAL, REFUSED }

    private final boolean[] failedAt;
    private final int minCalls;
    private final double failureRatio;
    private final long delayNanos;

    private int next;
    private int known;
    private int failures;
    private long openedAtNanos;
    private boolean trialInFlight;
    private volatile BreakerState state = BreakerState.CLOSED;

    CircuitBreaker(int window, int minCalls, double failureRatio, long delayNanos) {
        this.failedAt = new boolean[window];
        this.minCalls = Math.max(1, Math.min(minCalls, window));
        this.failureRatio = failureRatio;
        this.delayNanos = delayNanos;
    }

    BreakerState state() {
        return state;
    }

    /** Whether a call would be refused now, without taking the trial (a cheap check before queueing). */
    boolean refusesNow() {
        return state == BreakerState.OPEN && System.nanoTime() - openedAtNanos < delayNanos;
    }

    /** Nanoseconds until an open breaker lets a trial through (0 when it would now). */
    synchronized long nanosUntilTrial() {
        return state == BreakerState.OPEN ? Math.max(0, delayNanos - (System.nanoTime() - openedAtNanos)) : 0;
    }

    synchronized Permit tryAcquire() {
        switch (state) {
            case CLOSED:
                return Permit.NORMAL;
            case OPEN:
                if (System.nanoTime() - openedAtNanos < delayNanos) {
                    return Permit.REFUSED;
                }
                state = BreakerState.HALF_OPEN;
                trialInFlight = true;
                return Permit.TRIAL;
            default:
                if (trialInFlight) {
                    return Permit.REFUSED;
                }
                trialInFlight = true;
                return Permit.TRIAL;
        }
    }

    /** The call reached the upstream and it answered well (a 4xx counts: the upstream is fine, the request is not). */
    synchronized void success(Permit permit) {
        if (permit == Permit.TRIAL) {
            close();
        } else if (permit == Permit.NORMAL && state == BreakerState.CLOSED) {
            record(false);
        }
    }

    /** The call reached the upstream and it failed (5xx, reset, garbage, no answer within the attempt's time). */
    synchronized void failure(Permit permit) {
        if (permit == Permit.TRIAL) {
            open();
        } else if (permit == Permit.NORMAL && state == BreakerState.CLOSED) {
            record(true);
            if (known >= minCalls && failures >= failureRatio * known) {
                open();
            }
        }
    }

    /** The call says nothing about the upstream (refused or cancelled by the facade): a trial may be made again. */
    synchronized void ignore(Permit permit) {
        if (permit == Permit.TRIAL && state == BreakerState.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    private void record(boolean failed) {
        if (known == failedAt.length) {
            if (failedAt[next]) {
                failures--;
            }
        } else {
            known++;
        }
        failedAt[next] = failed;
        if (failed) {
            failures++;
        }
        next = (next + 1) % failedAt.length;
    }

    private void open() {
        openedAtNanos = System.nanoTime(); // before the volatile write: refusesNow() reads it unlocked
        trialInFlight = false;
        state = BreakerState.OPEN;
    }

    private void close() {
        java.util.Arrays.fill(failedAt, false);
        next = 0;
        known = 0;
        failures = 0;
        trialInFlight = false;
        state = BreakerState.CLOSED;
    }
}
