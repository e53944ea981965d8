package io.higress.fleet.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a state, never for a time: reads again until the condition holds, within a generous bound. */
public final class Poll {

    public static final Duration PATIENCE = Duration.ofMinutes(2);

    private Poll() {
    }

    /** The first read that satisfies the condition; an AssertionError showing the last one after two minutes. */
    public static <T> T until(Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = read.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there after " + PATIENCE + ": " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
            last = read.get();
        }
        return last;
    }

    /** Returns once {@code state} holds; an AssertionError naming {@code what} when {@code bound} passes first. */
    public static void until(String what, Duration bound, BooleanSupplier state) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + bound);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
