package io.higress.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.upstream.CircuitBreaker.Permit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The breaker's judgement on its own: window, minimum calls, ratio, trial, and what it ignores. */
class CircuitBreakerTest {

    static final long LONG = TimeUnit.MINUTES.toNanos(10);

    static void calls(CircuitBreaker b, int n, boolean failed) {
        for (int i = 0; i < n; i++) {
            Permit p = b.tryAcquire();
            assertThat(p).isEqualTo(Permit.NORMAL);
            if (failed) {
                b.failure(p);
            } else {
                b.success(p);
            }
        }
    }

    @Test
    void aSingleFailedReadWithItsRetriesDoesNotOpenTheDefaults() {
        CircuitBreaker b = new CircuitBreaker(20, 10, 0.5, LONG);
        calls(b, 3, true); // one read: its attempt and two retries, all failed
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
        calls(b, 20, false);
        calls(b, 9, true); // 9 of the last 20 failed: under the ratio
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
        calls(b, 1, true); // 10 of 20
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
        assertThat(b.tryAcquire()).isEqualTo(Permit.REFUSED);
        assertThat(b.refusesNow()).isTrue();
    }

    @Test
    void itOpensOnlyOnceTheWindowHoldsTheMinimumOfCalls() {
        CircuitBreaker b = new CircuitBreaker(20, 10, 0.5, LONG);
        calls(b, 9, true);
        assertThat(b.state()).as("9 calls known, 10 needed").isEqualTo(BreakerState.CLOSED);
        calls(b, 1, true);
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        CircuitBreaker b = new CircuitBreaker(4, 4, 0.5, LONG);
        calls(b, 1, true);
        calls(b, 4, false); // the failure has left the window of four
        calls(b, 1, true);
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
        calls(b, 1, true); // 2 of the last 4
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void theMinimumIsCappedAtTheWindow() {
        CircuitBreaker b = new CircuitBreaker(2, 10, 1.0, LONG);
        calls(b, 2, true);
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void afterTheDelayOneTrialDecides() throws InterruptedException {
        CircuitBreaker b = new CircuitBreaker(2, 2, 1.0, TimeUnit.MILLISECONDS.toNanos(1));
        calls(b, 2, true);
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
        awaitTrial(b);
        Permit trial = b.tryAcquire();
        assertThat(trial).isEqualTo(Permit.TRIAL);
        assertThat(b.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(b.tryAcquire()).as("one trial at a time").isEqualTo(Permit.REFUSED);
        b.failure(trial);
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);

        awaitTrial(b);
        trial = b.tryAcquire();
        b.ignore(trial); // the facade cut it off: it proved nothing, another trial may go
        assertThat(b.state()).isEqualTo(BreakerState.HALF_OPEN);
        trial = b.tryAcquire();
        assertThat(trial).isEqualTo(Permit.TRIAL);
        b.success(trial);
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
        calls(b, 1, true);
        assertThat(b.state()).as("a fresh window after closing").isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void ignoredCallsNeitherFailNorSucceed() {
        CircuitBreaker b = new CircuitBreaker(4, 4, 0.5, LONG);
        calls(b, 2, false);
        for (int i = 0; i < 100; i++) {
            b.ignore(b.tryAcquire());
        }
        calls(b, 1, true);
        assertThat(b.state()).as("3 judged: fewer than the minimum").isEqualTo(BreakerState.CLOSED);
        calls(b, 1, true); // had the ignored calls counted as successes, 2 failed of 104 would not open it
        assertThat(b.state()).as("2 failed of 4 judged").isEqualTo(BreakerState.OPEN);
    }

    private static void awaitTrial(CircuitBreaker b) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.refusesNow() && System.nanoTime() < until) {
            Thread.sleep(1);
        }
    }
}
