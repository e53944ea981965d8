package io.higress.fleet.openapi;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.higress.fleet.sim.InjectSimulatedFleet;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The generated-client tier (issue 13): the real openapi-generator (Java, library {@code native}) makes a client from
 * this application's /q/openapi into {@code target/generated-client}, javac compiles it with
 * {@code src/test/client/.../BriefSequence.java} (written against the generated API), and that sequence runs against
 * the simulated fleet: a document a generator cannot turn into compiling, working code fails here.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class GeneratedClientTest {
    static final Path OUT = Path.of("target", "generated-client");
    static final Path GENERATOR = Path.of("target", "tools", "openapi-generator-cli.jar");
    static final Path DRIVER = Path.of("src", "test", "client", "io", "higress", "fleet", "client",
            "BriefSequence.java");

    @InjectSimulatedFleet
    SimulatedFleet fleet;

    @TestHTTPResource
    URL root;

    @Test
    void aGeneratedJavaClientCompilesAndDrivesTheBriefsSequence() throws Exception {
        assertThat(GENERATOR).as("copied by maven-dependency-plugin (pom.xml)").exists();
        deleteTree(OUT);
        Files.createDirectories(OUT);
        Path spec = OUT.resolve("openapi.json");
        Files.writeString(spec, RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString());

        Path sources = OUT.resolve("src");
        Path log = OUT.resolve("generator.log");
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GENERATOR.toString(), "generate", "-g", "java", "--library", "native", "-i", spec.toString(),
                "-o", sources.toString(), "--invoker-package", "io.higress.fleet.client",
                "--api-package", "io.higress.fleet.client.api", "--model-package", "io.higress.fleet.client.model",
                "--additional-properties", "openApiNullable=false,hideGenerationTimestamp=true,useJakartaEe=true,"
                        + "containerDefaultToNull=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(generator.waitFor(10, TimeUnit.MINUTES)).as("the generator ends").isTrue();
        assertThat(generator.exitValue()).as(Files.readString(log)).isZero();

        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(sources.resolve("src/main/java"))) {
            all.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        assertThat(files).as("one API per tag, e.g. the routes'").anyMatch(f -> f.endsWith("RoutesApi.java"));
        files.add(DRIVER.toString());
        Path classes = Files.createDirectories(OUT.resolve("classes"));
        String classpath = Stream.of(ObjectMapper.class, JsonFactory.class, JsonProperty.class, JavaTimeModule.class,
                jakarta.annotation.Nonnull.class).map(GeneratedClientTest::jarOf).collect(Collectors.joining(
                        File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-nowarn", "-proc:none", "-encoding", "UTF-8", "-d",
                classes.toString(), "-cp", classpath));
        arguments.addAll(files);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int compiled = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(compiled).as("the generated client compiles: " + errors.toString(StandardCharsets.UTF_8)).isZero();

        String base = root.toString().replaceAll("/+$", "");
        List<String> seen;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ObjectMapper.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            Function<String, List<String>> sequence = (Function<String, List<String>>) loader
                    .loadClass("io.higress.fleet.client.BriefSequence").getConstructor().newInstance();
            seen = sequence.apply(base);
        }
        int gateways = fleet.clusters().stream().mapToInt(c -> fleet.gatewayNames(c).size()).sum();
        assertThat(seen).hasSize(13);
        assertThat(seen.get(0)).isEqualTo("createRoute 201");
        assertThat(seen.get(1)).isEqualTo("listRoutes true");
        assertThat(seen.get(2)).startsWith("getRoute [example.com] [").contains("dev").endsWith("managed=true");
        assertThat(seen.get(3)).isEqualTo("updateRoute 200");
        assertThat(seen.get(4)).as("a merge patch of domain only: the client sends no nulls")
                .isEqualTo("getRoute [new-example.com] [/api/*] 8080");
        assertThat(seen.subList(5, 8)).containsExactly("createPlugin 201", "disablePlugin enabled=false",
                "enablePlugin enabled=true");
        assertThat(seen.subList(8, 11)).containsExactly("createMcpBridge 201",
                "getMcpBridge nacos-prod.example.com:8848", "deleteRoute 200");
        assertThat(seen.get(11)).isEqualTo("getFleetReady items=" + gateways + " total=" + gateways + " ok="
                + gateways);
        assertThat(seen.get(12)).isEqualTo("rollout succeeded");
        // what the client wrote is what the API holds
        asViewer().get("/api/v1/mcp-bridges/client-bridge").then().statusCode(200);
        asViewer().get("/api/v1/routes/client-route").then().statusCode(404);
        asViewer().get("/api/v1/routes/client-rolled?clusters=dev").then().statusCode(200);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
