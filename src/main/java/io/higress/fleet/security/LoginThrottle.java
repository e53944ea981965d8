package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after max-failures failed logins for one user, or max-failures-per-address from one
 * client address, within the window, further attempts get 429 until the oldest failure leaves the window.
 * <p>
 * An attempt is <b>reserved</b> (counted as a failure) before its slow hash check, so that parallel guesses are all
 * counted: 40 at once against a limit of 5 are 5 hash checks and 35 refusals. A good password then clears the user's
 * failures and gives the address back its reservation.
 * <p>
 * Memory is bounded in bytes: a user or address is remembered as a 16-byte digest (a megabyte user name costs what
 * "bob" costs), with at most max-failures times each, for at most tracked-keys keys (the least recently failed are
 * forgotten first); expired entries are pruned every minute on a thread of the throttle's own, never an event loop.
 */
@ApplicationScoped
public class LoginThrottle {

    private final int maxFailures;
    private final int maxPerAddress;
    private final long windowMillis;
    private final int trackedKeys;
    private final LongSupplier clock;
    /** Digest of "user:" or "addr:" + value -> times of recent failures; access order makes eviction LRU. */
    private final LinkedHashMap<Key, Deque<Long>> failures;
    private final ScheduledExecutorService pruner;

    /** 128 bits of SHA-256: no collision to fear among ten thousand keys. */
    @RegisterForReflection
    record Key(long high, long low) {
    }

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
            protected boolean removeEldestEntry(Map.Entry<Key, Deque<Long>> eldest) {
                return size() > LoginThrottle.this.trackedKeys;
            }
        };
        this.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-login-throttle-pruner");
            t.setDaemon(true);
            return t;
        });
        pruner.scheduleWithFixedDelay(this::pruneExpired, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Reserves an attempt: counted as a failure of the user and the address from now on, unless
     * {@link #succeeded} gives it back. Answers the seconds to wait instead when either limit is reached (nothing
     * is counted then).
     */
    public synchronized OptionalLong reserve(String username, String address) {
        OptionalLong wait = retryAfter(username, address);
        if (wait.isEmpty()) {
            long now = clock.getAsLong();
            record(key("user", username), maxFailures, now);
            record(key("addr", address), maxPerAddress, now);
        }
        return wait;
    }

    /** Seconds to wait before trying again, or empty when an attempt may go ahead; counts nothing. */
    public synchronized OptionalLong retryAfter(String username, String address) {
        long now = clock.getAsLong();
        long wait = Math.max(waitMillis(key("user", username), maxFailures, now),
                waitMillis(key("addr", address), maxPerAddress, now));
        return wait > 0 ? OptionalLong.of(Math.max(1, (wait + 999) / 1000)) : OptionalLong.empty();
    }

    /**
     * A good password clears that user's failures (not the address's: one address may try many users) and gives
     * back the address's reservation of this attempt.
     */
    public synchronized void succeeded(String username, String address) {
        failures.remove(key("user", username));
        Deque<Long> times = failures.get(key("addr", address));
        if (times != null) {
            times.pollLast(); // the newest reservation: which one is given back does not change the count
            if (times.isEmpty()) {
                failures.remove(key("addr", address));
            }
        }
    }

    private void record(Key key, int limit, long now) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        while (times.size() > limit) {
            times.removeFirst();
        }
    }

    /** Drops every entry whose failures all left the window. */
    synchronized void pruneExpired() {
        long now = clock.getAsLong();
        for (Iterator<Deque<Long>> it = failures.values().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next();
            prune(times, now);
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Forgets every failure (tests). */
    synchronized void clear() {
        failures.clear();
    }

    synchronized int tracked() {
        return failures.size();
    }

    @PreDestroy
    void stop() {
        pruner.shutdownNow();
    }

    private long waitMillis(Key key, int limit, long now) {
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

    static Key key(String kind, String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            byte[] digest = sha.digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.wrap(digest);
            return new Key(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
