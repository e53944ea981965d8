package io.higress.fleet.admin;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one Envoy {@code /logging} parameter of a request: {@code level=<level>} (every logger) or
 * {@code <logger>=<level>}. Only Envoy's level names and {@code [a-z_]+} logger names get through.
 */
final class LogLevels {

    static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warning", "warn", "error", "critical", "off");
    private static final Pattern LOGGER = Pattern.compile("[a-z_]+");

    private LogLevels() {
    }

    static Map<String, String> envoyQuery(Map<String, List<String>> params) {
        Map<String, List<String>> setting = new TreeMap<>(params);
        setting.keySet().removeAll(Set.of("clusters", "selector", "partial"));
        if (setting.size() != 1) {
            throw new ProblemException(Problem.invalid("level",
                    "give exactly one of level=<level> or <logger>=<level>" + (setting.isEmpty() ? "" : ", not "
                            + String.join(", ", setting.keySet()))));
        }
        Map.Entry<String, List<String>> only = setting.entrySet().iterator().next();
        String logger = only.getKey();
        if (!LOGGER.matcher(logger).matches()) {
            throw new ProblemException(Problem.invalid(logger, "is not a logger name ([a-z_]+)"));
        }
        if (only.getValue().size() != 1 || !LEVELS.contains(only.getValue().get(0))) {
            throw new ProblemException(Problem.invalid(logger, "level must be one of " + String.join(", ",
                    new java.util.TreeSet<>(LEVELS))));
        }
        return Map.of(logger, only.getValue().get(0));
    }

    /** Envoy answers {@code active loggers:\n  name: level\n...}: as a map. */
    static Map<String, String> parseActive(String text) {
        Map<String, String> loggers = new TreeMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("active loggers")) {
                loggers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return loggers;
    }
}
