package io.higress.fleet.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a state, never for a time: polls until it holds, and fails naming it when the bound passes. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration bound, BooleanSupplier state) {
        long until = System.nanoTime() + bound.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + ": not reached within " + bound);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
