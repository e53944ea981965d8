package io.higress.fleet.init;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Cluster names and labels from kubeconfig context names. */
final class ContextNames {

    private static final Pattern ENVIRONMENTS = Pattern.compile(
            "dev|development|test|testing|qa|stage|staging|preprod|uat|prod|production");

    private ContextNames() {
    }

    /** A DNS-1123 label from a context name: {@code arn:aws:eks:eu-west-1:1:cluster/Prod} → {@code arn-...-prod}. */
    static String clusterName(String context) {
        String name = context.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            name = name.substring(name.length() - 63).replaceAll("^-+", ""); // the tail tells clusters apart
        }
        return name.isEmpty() ? "cluster" : name;
    }

    static String unique(String name, Map<String, ?> taken) {
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            String suffix = "-" + i;
            candidate = name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
        }
        return candidate;
    }

    /**
     * Labels from the context name: the named groups of {@code --label-pattern} when it matches, else {@code env}
     * when a word of the name is an environment (dev, test, staging, prod, ...).
     */
    static Map<String, String> labels(String context, Pattern pattern) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pattern != null) {
            var m = pattern.matcher(context);
            if (m.matches()) {
                for (String group : groupNames(pattern)) {
                    String value = m.group(group) == null ? "" : labelValue(m.group(group));
                    if (!value.isEmpty()) {
                        labels.put(group, value);
                    }
                }
                return labels;
            }
        }
        Arrays.stream(context.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> ENVIRONMENTS.matcher(w).matches()).findFirst().ifPresent(w -> labels.put("env", w));
        return labels;
    }

    private static List<String> groupNames(Pattern pattern) {
        List<String> names = new ArrayList<>();
        var m = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(pattern.pattern());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A Kubernetes label value: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
    private static String labelValue(String raw) {
        String v = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return v.length() > 63 ? v.substring(0, 63).replaceAll("[^A-Za-z0-9]+$", "") : v;
    }
}
