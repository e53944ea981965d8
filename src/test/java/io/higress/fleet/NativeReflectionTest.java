package io.higress.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.problem.StrictQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every record of the application is registered for reflection (annotated itself, or listed in
 * {@link NativeReflection}), so the native image can serialize it; so is every endpoint whose query parameters
 * {@code StrictQueryFilter} reads.
 */
class NativeReflectionTest {

    @Test
    void everyRecordIsRegistered() throws IOException {
        List<Class<?>> classes = applicationClasses();
        List<Class<?>> records = classes.stream().filter(Class::isRecord).toList();
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(registered(r))
                .as(r.getName() + " is registered for reflection").isTrue());
    }

    @Test
    void everyStrictQueryEndpointIsRegistered() throws IOException {
        List<Class<?>> strict = applicationClasses().stream()
                .filter(c -> c.isAnnotationPresent(StrictQuery.class) && c.isAnnotationPresent(jakarta.ws.rs.Path.class))
                .toList();
        assertThat(strict).isNotEmpty().allSatisfy(c -> assertThat(registered(c))
                .as(c.getName() + " is registered for reflection").isTrue());
    }

    private static boolean registered(Class<?> c) {
        List<Class<?>> listed = List.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        return listed.contains(c) || c.isAnnotationPresent(RegisterForReflection.class);
    }

    /** A class file that does not load fails the test: a record we cannot inspect would go unchecked. */
    private static List<Class<?>> applicationClasses() throws IOException {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/higress/fleet"))) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    // fleetctl's classes run in target/fleetctl.jar, never in the facade (CliLayeringTest)
                    .filter(name -> !name.startsWith("io.higress.fleet.cli."))
                    .<Class<?>>map(NativeReflectionTest::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is in target/classes but does not load", e);
        }
    }
}
