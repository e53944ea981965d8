package io.higress.fleet.resources.console;

/** A facade model read from a console with the console's {@code version} (its optimistic-concurrency token). */
public record Versioned<T>(T spec, String resourceVersion) {
}
