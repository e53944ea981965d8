package io.higress.fleet.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What one run of fleetctl reads and writes: its environment, its standard streams, and whether a person watches
 * (then it prompts, colours and redraws; in a CI log it prints plain lines). Tests build one around buffers.
 */
final class Terminal {
    final Map<String, String> env;
    final InputStream in;
    /** Standard output as bytes, for bodies copied as they arrive (config_dump). */
    final OutputStream rawOut;
    final PrintWriter out;
    final PrintWriter err;
    final boolean interactive;
    final Style style;
    private final Console console;

    Terminal(Map<String, String> env, InputStream in, OutputStream out, OutputStream err, Console console) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.rawOut = out;
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        this.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        this.console = console;
        this.interactive = console != null;
        this.style = new Style(interactive && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM")));
    }

    static Terminal system() {
        return new Terminal(System.getenv(), System.in, System.out, System.err, System.console());
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Reads a password without echo, or null when no person is there to type it. */
    char[] readPassword(String prompt) {
        return console == null ? null : console.readPassword("%s", prompt);
    }

    String readLine(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
