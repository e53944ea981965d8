package io.higress.fleet.sim;

import java.time.Duration;
import java.util.Set;

/**
 * What goes wrong with the next write (POST, PUT, PATCH, DELETE) whose path contains {@code path}, on a simulated API
 * server ({@link WriteFaultProxy}) or console ({@code ConsoleSimulator#failNextWrite}):
 * <ul>
 * <li>{@link #answerLate}: the write is stored, its answer held back for {@code delay} — a loaded upstream whose
 * answer comes after the caller's deadline;</li>
 * <li>{@link #resetAfterStoring}: the write is stored, then the connection is closed without an answer;</li>
 * <li>{@link #neverStored}: the write is held for {@code delay} and then dropped, never reaching the store.</li>
 * </ul>
 * {@link #thenDown()}: once the fault has fired, every later call is refused (its connection closed) until the fault
 * is cleared — so that reading the object again fails too. One-shot: a fault fires once.
 */
public record WriteFault(String path, Duration delay, boolean stored, boolean reset, boolean downAfter) {

    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    public static WriteFault answerLate(String path, Duration delay) {
        return new WriteFault(path, delay, true, false, false);
    }

    public static WriteFault resetAfterStoring(String path) {
        return new WriteFault(path, Duration.ZERO, true, true, false);
    }

    public static WriteFault neverStored(String path, Duration delay) {
        return new WriteFault(path, delay, false, false, false);
    }

    public WriteFault thenDown() {
        return new WriteFault(path, delay, stored, reset, true);
    }

    public boolean matches(String method, String requestPath) {
        return WRITES.contains(method) && requestPath.contains(path);
    }
}
