package io.higress.fleet.admin.prometheus;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one sample line of the text format, {@code name{l="v",...} value [timestamp]}, in a single pass without
 * regular expressions. Label values are unescaped and escaped again, so the output is always valid; labels
 * {@code cluster} and {@code gateway} are renamed {@code exported_cluster} / {@code exported_gateway} (repeatedly
 * prefixed while the name is taken, like Prometheus' honor_labels=false).
 */
final class ExpositionLine {

    /** A parsed sample: {@code labels} is the rendered label list without braces ("" when none). */
    @RegisterForReflection
    record Sample(String name, String labels, String value) {
    }

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private ExpositionLine() {
    }

    static Sample parseSample(String line) throws Malformed {
        int len = line.length();
        int i = 0;
        while (i < len && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new Malformed("no metric name");
        }
        String name = line.substring(0, i);
        String labels = "";
        while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i < len && line.charAt(i) == '{') {
            StringBuilder rendered = new StringBuilder();
            i = parseLabels(line, i + 1, rendered);
            labels = rendered.toString();
        }
        String value = line.substring(i).strip();
        if (!validValue(value)) {
            throw new Malformed("invalid value '" + value + "'");
        }
        return new Sample(name, labels, value);
    }

    /** Parses labels after '{' into {@code out}; returns the index after '}'. */
    private static int parseLabels(String line, int i, StringBuilder out) throws Malformed {
        int len = line.length();
        List<String> names = new ArrayList<>(4);
        List<String> values = new ArrayList<>(4);
        while (true) {
            while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i >= len) {
                throw new Malformed("unterminated label set");
            }
            if (line.charAt(i) == '}') {
                break;
            }
            int start = i;
            while (i < len && isLabelChar(line.charAt(i), i == start)) {
                i++;
            }
            if (i == start || i >= len || line.charAt(i) != '=' || i + 1 >= len || line.charAt(i + 1) != '"') {
                throw new Malformed("invalid label at column " + (start + 1));
            }
            names.add(line.substring(start, i));
            i += 2;
            int valueStart = i;
            boolean escaped = false;
            while (i < len && line.charAt(i) != '"') {
                if (line.charAt(i) == '\\') {
                    escaped = true;
                    i++;
                }
                i++;
            }
            if (i >= len) {
                throw new Malformed("unterminated label value");
            }
            String raw = line.substring(valueStart, i);
            values.add(escaped ? escape(unescape(raw)) : raw);
            i++;
        }
        for (int k = 0; k < names.size(); k++) {
            if (k > 0) {
                out.append(',');
            }
            out.append(exportedName(names.get(k), names)).append("=\"").append(values.get(k)).append('"');
        }
        return i + 1;
    }

    private static String exportedName(String name, List<String> taken) {
        if (!name.equals("cluster") && !name.equals("gateway")) {
            return name;
        }
        String renamed = "exported_" + name;
        while (taken.contains(renamed)) {
            renamed = "exported_" + renamed;
        }
        return renamed;
    }

    static String unescape(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> sb.append('\n');
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    default -> sb.append('\\').append(next); // invalid escape: keep it literally
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Escapes a label value for the text format: backslash, double quote and line feed. */
    static String escape(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c == '\n' ? "\\n" : null;
            if (replacement != null && sb == null) {
                sb = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? value : sb.toString();
    }

    static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
    }

    private static boolean isLabelChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    }

    static boolean isMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    /** A Go float ({@code 1}, {@code -2.5e3}, {@code NaN}, {@code +Inf}) optionally followed by an integer timestamp. */
    private static boolean validValue(String value) {
        int space = value.indexOf(' ');
        String number = space < 0 ? value : value.substring(0, space);
        if (space >= 0) {
            String ts = value.substring(space + 1).strip();
            if (ts.isEmpty() || !ts.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == '-')) {
                return false;
            }
        }
        switch (number) {
            case "NaN", "+Inf", "-Inf", "Inf" -> {
                return true;
            }
            default -> { }
        }
        boolean digit = false;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        if (!digit) {
            return false;
        }
        try {
            Double.parseDouble(number);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
