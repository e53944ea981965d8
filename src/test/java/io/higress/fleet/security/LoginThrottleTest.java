package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(5), 100, now::get);

    @Test
    void fiveFailuresForOneUserBlockThatUserFromAnyAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfter("alice", "10.0.0." + i)).isEmpty();
            throttle.reserve("alice", "10.0.0." + i);
        }
        assertThat(throttle.retryAfter("alice", "10.9.9.9")).hasValue(300);
        assertThat(throttle.retryAfter("bob", "10.9.9.9")).isEmpty();
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(throttle.retryAfter("alice", "10.9.9.9")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressBlockEveryUserFromIt() {
        for (int i = 0; i < 20; i++) {
            throttle.reserve("user" + i, "10.0.0.1");
            now.addAndGet(1000);
        }
        assertThat(throttle.retryAfter("someone", "10.0.0.1")).hasValue(280);
        assertThat(throttle.retryAfter("someone", "10.0.0.2")).isEmpty();
    }

    /** A colleague's typos on the shared address do not lock out the admin there. */
    @Test
    void anotherUsersFailuresFromTheSameAddressDoNotBlockAUserBelowTheAddressLimit() {
        for (int i = 0; i < 6; i++) {
            throttle.reserve("admn", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("admn", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.reserve("alice", "10.0.0.2");
        }
        for (int i = 0; i < 19; i++) {
            throttle.reserve("user" + i, "10.0.0.1");
        }
        assertThat(throttle.reserve("alice", "10.0.0.1")).isEmpty(); // the address's 20th attempt, alice's 5th
        throttle.succeeded("alice", "10.0.0.1");
        // alice's failures are gone; the address keeps its 19 and gets this attempt's reservation back
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.reserve("alice", "10.0.0.3")).isEmpty();
        }
        assertThat(throttle.reserve("carol", "10.0.0.1")).isEmpty();
        assertThat(throttle.reserve("dave", "10.0.0.1")).isPresent();
    }

    /** Parallel guesses are all counted: each is reserved before its slow hash check. */
    @Test
    void parallelAttemptsAreCountedBeforeTheyAreChecked() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Boolean>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = "10.1.0." + i;
            attempts.add(pool.submit(() -> {
                start.await();
                return throttle.reserve("alice", address).isEmpty();
            }));
        }
        start.countDown();
        int admitted = 0;
        for (java.util.concurrent.Future<Boolean> a : attempts) {
            admitted += a.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void expiredEntriesArePrunedWithoutAnyNewAttempt() {
        for (int i = 0; i < 50; i++) {
            throttle.reserve("user" + i, "10.0.0." + i);
        }
        assertThat(throttle.tracked()).isEqualTo(100);
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        throttle.pruneExpired();
        assertThat(throttle.tracked()).isZero();
    }

    /** A megabyte user name is kept as a 16-byte digest, like any other. */
    @Test
    void keysAreDigestsOfFixedSize() {
        assertThat(LoginThrottle.key("user", "x".repeat(1 << 20)))
                .isEqualTo(LoginThrottle.key("user", "x".repeat(1 << 20)))
                .isNotEqualTo(LoginThrottle.key("addr", "x".repeat(1 << 20)))
                .isNotEqualTo(LoginThrottle.key("user", "x".repeat((1 << 20) - 1)));
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 1000; i++) {
            throttle.reserve("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
    }
}
