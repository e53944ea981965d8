package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fleetctl's configuration directory ({@code $XDG_CONFIG_HOME/higress-fleet}, else
 * {@code ~/.config/higress-fleet}) and its {@code config} file: YAML with {@code url} and {@code timeout}. An unknown
 * key is a usage error naming it, so a misspelt {@code url} does not silently fall back to localhost.
 */
record Settings(Path dir, String url, Duration timeout) {
    static final String DEFAULT_URL = "http://localhost:8080";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> KEYS = Set.of("url", "timeout");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    static Settings load(Terminal terminal) {
        Path dir = dir(terminal);
        Path file = dir.resolve("config");
        if (!Files.isRegularFile(file)) {
            return new Settings(dir, null, null);
        }
        JsonNode tree;
        try {
            tree = Json.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw CliFailure.usage(file + ": not valid YAML: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new Settings(dir, null, null);
        }
        if (!tree.isObject()) {
            throw CliFailure.usage(file + ": expected keys url, timeout");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw CliFailure.usage(file + ": unknown key '" + key + "' (known: timeout, url)");
            }
        }
        String timeout = Json.text(tree, "timeout");
        return new Settings(dir, Json.text(tree, "url"), timeout == null ? null : duration(file + ": timeout", timeout));
    }

    static Path dir(Terminal terminal) {
        String xdg = terminal.env("XDG_CONFIG_HOME");
        if (xdg != null) {
            return Path.of(xdg, "higress-fleet");
        }
        String home = terminal.env("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".config", "higress-fleet");
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    static Duration duration(String what, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CliFailure.usage(what + ": '" + text + "' is not a duration such as 500ms, 30s, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) {
            throw CliFailure.usage(what + ": must be more than 0");
        }
        return d;
    }
}
