package io.higress.fleet.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Higress samples and CRDs of the shared fixtures (located by {@link io.higress.fleet.admin.Fixtures}). */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        return io.higress.fleet.admin.Fixtures.root();
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
