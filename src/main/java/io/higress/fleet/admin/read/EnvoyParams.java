package io.higress.fleet.admin.read;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the Envoy parameters a caller passes through (contract §4) and builds Envoy's query from them. Each check
 * keeps the value within what Envoy understands, so a bad value is the caller's 400, not the gateway's.
 */
final class EnvoyParams {

    private static final Pattern FIELD = Pattern.compile("[a-z_]+");
    private static final Pattern FIELD_PATH = Pattern.compile("[a-z_]+(\\.[a-z_]+)*");
    private static final Set<String> STAT_TYPES = Set.of("Counters", "Gauges", "Histograms", "TextReadouts", "All");
    private static final int MAX_REGEX = 512;

    private EnvoyParams() {
    }

    /** Envoy's query for the endpoint; {@code null} values are bare flags ({@code include_eds}, {@code usedonly}). */
    static Map<String, String> envoyQuery(AdminEndpoint endpoint, Map<String, List<String>> params) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : endpoint.envoyParams()) {
            String value = single(params, name);
            if (value == null) {
                continue;
            }
            switch (name) {
                case "resource" -> query.put(name, matching(name, value, FIELD, "a config_dump field name ([a-z_]+)"));
                case "mask" -> {
                    for (String path : value.split(",", -1)) {
                        matching(name, path, FIELD_PATH, "comma-separated field paths (a.b_c,d)");
                    }
                    query.put(name, value);
                }
                case "name_regex", "filter" -> query.put(name, regex(name, value));
                case "include_eds", "usedonly" -> {
                    if (flag(name, value)) {
                        query.put(name, null);
                    }
                }
                case "type" -> {
                    if (!STAT_TYPES.contains(value)) {
                        throw invalid(name, "must be one of Counters, Gauges, Histograms, TextReadouts, All");
                    }
                    query.put(name, value);
                }
                default -> throw new IllegalStateException("unchecked Envoy parameter " + name);
            }
        }
        query.putAll(endpoint.fixedQuery());
        return query;
    }

    /** The one value of a parameter, or null if absent; a repeated parameter is ambiguous. */
    static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(name, "given more than once");
        }
        return values.get(0);
    }

    private static String matching(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, "must be " + expected);
        }
        return value;
    }

    /** Java's syntax is close enough to RE2 to catch what Envoy would reject; length keeps Envoy's work bounded. */
    private static String regex(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_REGEX) {
            throw invalid(name, "must be a regular expression of 1 to " + MAX_REGEX + " characters");
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw invalid(name, "invalid regular expression: " + e.getDescription());
        }
        return value;
    }

    /** A bare flag ({@code ?include_eds}) or {@code true} turns it on; {@code false} leaves it off. */
    private static boolean flag(String name, String value) {
        return switch (value) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "is a flag: give it without a value, or true/false");
        };
    }

    static ProblemException invalid(String name, String message) {
        return new ProblemException(Problem.invalid(name, message));
    }
}
