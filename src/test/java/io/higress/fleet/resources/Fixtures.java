package io.higress.fleet.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared fixtures live beside the repository ({@code ../shared/fixtures}), wherever it is cloned: walk up from the
 * working directory to the first folder holding {@code shared/fixtures}. {@code -Dfleet.fixtures=...} overrides.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        String override = System.getProperty("fleet.fixtures");
        if (override != null) {
            return Path.of(override);
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + System.getProperty("user.dir"));
    }

    static Path crd(String file) {
        return root().resolve("higress").resolve("crd").resolve(file);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Higress sample (all files in crd/ but the CRD definitions). */
    static List<Path> samples() {
        try (Stream<Path> s = Files.list(crd(".").normalize())) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(CRD_FILE))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String CRD_FILE = "crd-customresourcedefinitions.gen.yaml";
}
