package io.higress.fleet.admin.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} on a text exposition. Exit 1 means a parse error; exit 3 means only lint
 * findings ("counter metrics should have _total suffix", "no help text"), which Envoy's own names trigger and which
 * we do not count as failures.
 * <p>
 * promtool is found on the PATH. Without it the checks fail rather than skip (a green build must mean the real tool
 * accepted our output): install the Debian package {@code prometheus}, as {@code .ci/run} does.
 */
public final class Promtool {

    private static final Path BINARY = find();

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public record Result(int exitCode, String output) {
        public boolean valid() {
            return exitCode != 1 && output.lines().noneMatch(l -> l.startsWith("error") || l.contains("parsing error"));
        }
    }

    private Promtool() {
    }

    public static Result check(String exposition) throws IOException, InterruptedException {
        if (BINARY == null) {
            throw new IllegalStateException("promtool is not on the PATH: install the Debian package prometheus "
                    + "(apt-get install prometheus), as .ci/run does");
        }
        Process process = new ProcessBuilder(BINARY.toString(), "check", "metrics").redirectErrorStream(true).start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // promtool exited early; its output says why
            }
        });
        writer.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish");
        }
        writer.join();
        return new Result(process.exitValue(), output);
    }
}
