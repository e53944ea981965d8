package io.higress.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every record of the application is registered for reflection, so the native image can serialize it. */
class NativeReflectionTest {

    @Test
    void everyRecordIsRegistered() throws IOException {
        Path classes = Path.of("target/classes");
        List<String> records;
        try (Stream<Path> files = Files.walk(classes.resolve("io/higress/fleet"))) {
            records = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    // fleetctl's classes run in target/fleetctl.jar, never in the facade (CliLayeringTest)
                    .filter(name -> !name.startsWith("io.higress.fleet.cli."))
                    .filter(NativeReflectionTest::isRecord)
                    .toList();
        }
        List<String> registered = List.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).classNames());
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(registered).as("registered classes").contains(r));
        assertThat(registered).allSatisfy(name -> assertThat(loads(name)).as(name + " exists").isTrue());
    }

    /** A class file that does not load fails the test: a record we cannot inspect would go unchecked. */
    private static boolean isRecord(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader()).isRecord();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is in target/classes but does not load", e);
        }
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
