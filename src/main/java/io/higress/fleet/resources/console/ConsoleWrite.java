package io.higress.fleet.resources.console;

/**
 * What one console write did: the object's name, the outcome, and the console's {@code version} after it (the
 * write answer's {@code resourceVersion}; null after a delete).
 */
public record ConsoleWrite(String name, WriteStatus status, String resourceVersion) {
}
