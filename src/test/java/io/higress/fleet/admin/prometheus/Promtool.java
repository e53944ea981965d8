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
 */
public final class Promtool {

    static final Path BINARY = Path.of("/usr/bin/promtool");

    public record Result(int exitCode, String output) {
        public boolean valid() {
            return exitCode != 1 && output.lines().noneMatch(l -> l.startsWith("error") || l.contains("parsing error"));
        }
    }

    private Promtool() {
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static Result check(String exposition) throws IOException, InterruptedException {
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
