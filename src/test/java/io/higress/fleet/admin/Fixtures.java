package io.higress.fleet.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared fixtures ({@code ../shared/fixtures} beside the repository): walks up from {@code user.dir}
 * looking for a sibling {@code shared/fixtures}. Fixtures are read in place, never copied into the repository.
 */
public final class Fixtures {

    private static final Path ROOT = locate();

    private Fixtures() {
    }

    private static Path locate() {
        String override = System.getProperty("fleet.fixtures");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures found above " + System.getProperty("user.dir")
                + " (expected ../shared/fixtures beside the repository, or -Dfleet.fixtures=...)");
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
