package io.higress.fleet.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared fixtures ({@code ../shared/fixtures} beside the repository): {@code -Dfleet.fixtures} or the
 * environment variable {@code FLEET_FIXTURES} (set by {@code .ci/run} for a clone made elsewhere), else the first
 * {@code shared/fixtures} walking up from {@code user.dir}. Fixtures are read in place, never copied into the
 * repository. The one locator of the test code.
 */
public final class Fixtures {

    private static final Path ROOT = locate();

    private Fixtures() {
    }

    /** The fixtures folder ({@code envoy/}, {@code higress/}, ...). */
    public static Path root() {
        return ROOT;
    }

    private static Path locate() {
        String override = System.getProperty("fleet.fixtures", System.getenv("FLEET_FIXTURES"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures found above " + System.getProperty("user.dir")
                + " (expected ../shared/fixtures beside the repository, or FLEET_FIXTURES / -Dfleet.fixtures=...)");
    }

    public static Path envoy(String name) {
        return ROOT.resolve("envoy").resolve(name);
    }

    public static String envoyText(String name) {
        try {
            return Files.readString(envoy(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] envoyBytes(String name) {
        try {
            return Files.readAllBytes(envoy(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
