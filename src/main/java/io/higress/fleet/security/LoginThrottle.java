package io.higress.fleet.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after max-failures failed logins for one user, or max-failures-per-address from one
 * client address, within the window, further attempts get 429 until the oldest failure leaves the window. Memory is bounded: at most
 * tracked-keys users/addresses are remembered, the least recently failed ones are forgotten first.
 */
@ApplicationScoped
public class LoginThrottle {

    private final int maxFailures;
    private final int maxPerAddress;
    private final long windowMillis;
    private final int trackedKeys;
    private final LongSupplier clock;
    /** "user:" or "addr:" + value -> times of recent failures; access order makes eviction LRU. */
    private final LinkedHashMap<String, Deque<Long>> failures;

    @Inject
    public LoginThrottle(SecurityConfig config) {
        this(config.login().maxFailures(), config.login().maxFailuresPerAddress(), config.login().window(),
                config.login().trackedKeys(), System::currentTimeMillis);
    }

    public LoginThrottle(int maxFailures, int maxPerAddress, Duration window, int trackedKeys, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.maxPerAddress = maxPerAddress;
        this.windowMillis = window.toMillis();
        this.trackedKeys = trackedKeys;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > LoginThrottle.this.trackedKeys;
            }
        };
    }

    /** Seconds to wait before trying again, or empty when this attempt may go ahead. */
    public synchronized OptionalLong retryAfter(String username, String address) {
        long now = clock.getAsLong();
        long wait = Math.max(waitMillis(key("user", username), maxFailures, now),
                waitMillis(key("addr", address), maxPerAddress, now));
        return wait > 0 ? OptionalLong.of(Math.max(1, (wait + 999) / 1000)) : OptionalLong.empty();
    }

    public synchronized void failed(String username, String address) {
        long now = clock.getAsLong();
        record(key("user", username), maxFailures, now);
        record(key("addr", address), maxPerAddress, now);
    }

    private void record(String key, int limit, long now) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        while (times.size() > limit) {
            times.removeFirst();
        }
    }

    /** A good password clears that user's failures (not the address's: one address may try many users). */
    public synchronized void succeeded(String username) {
        failures.remove(key("user", username));
    }

    /** Forgets every failure (tests). */
    synchronized void clear() {
        failures.clear();
    }

    synchronized int tracked() {
        return failures.size();
    }

    private long waitMillis(String key, int limit, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        prune(times, now);
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return times.size() >= limit ? times.peekFirst() + windowMillis - now : 0;
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value);
    }
}
