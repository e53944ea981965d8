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
            throttle.failed("alice", "10.0.0." + i);
        }
        assertThat(throttle.retryAfter("alice", "10.9.9.9")).hasValue(300);
        assertThat(throttle.retryAfter("bob", "10.9.9.9")).isEmpty();
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(throttle.retryAfter("alice", "10.9.9.9")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressBlockEveryUserFromIt() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.1");
            now.addAndGet(1000);
        }
        assertThat(throttle.retryAfter("someone", "10.0.0.1")).hasValue(280);
        assertThat(throttle.retryAfter("someone", "10.0.0.2")).isEmpty();
    }

    /** A colleague's typos on the shared address do not lock out the admin there. */
    @Test
    void anotherUsersFailuresFromTheSameAddressDoNotBlockAUserBelowTheAddressLimit() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("admn", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("admn", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        throttle.succeeded("alice");
        assertThat(throttle.retryAfter("alice", "10.0.0.2")).isEmpty();
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isPresent();
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 1000; i++) {
            throttle.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
    }
}
