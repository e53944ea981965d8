package io.higress.fleet.admin.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lines of one gateway's exposition: its TYPE and HELP declarations (first one wins) and its samples with their
 * line numbers. Unparseable lines and contradicting TYPE lines are reported to {@code problems}.
 */
final class ExpositionInput {

    final Map<String, MetricType> declared = new HashMap<>();
    final Map<String, String> helps = new HashMap<>();
    final List<ExpositionLine.Sample> samples = new ArrayList<>();
    final List<Integer> lineNumbers = new ArrayList<>();
    private final String source;
    private final Consumer<String> problems;

    ExpositionInput(String source, Consumer<String> problems) {
        this.source = source;
        this.problems = problems;
    }

    void parse(CharSequence text) {
        String all = text.toString();
        int start = 0;
        int lineNo = 0;
        while (start < all.length()) {
            int end = all.indexOf('\n', start);
            if (end < 0) {
                end = all.length();
            }
            lineNo++;
            line(all.substring(start, end > start && all.charAt(end - 1) == '\r' ? end - 1 : end), lineNo);
            start = end + 1;
        }
    }

    private void line(String line, int lineNo) {
        if (line.isBlank()) {
            return;
        }
        if (line.charAt(0) == '#') {
            comment(line, lineNo);
            return;
        }
        try {
            samples.add(ExpositionLine.parseSample(line));
            lineNumbers.add(lineNo);
        } catch (ExpositionLine.Malformed e) {
            problems.accept(source + " line " + lineNo + ": " + e.getMessage() + ": dropped");
        }
    }

    /** {@code # TYPE name type} or {@code # HELP name text}; any other comment is ignored. */
    private void comment(String line, int lineNo) {
        int keywordStart = skipBlanks(line, 1);
        int keywordEnd = nextBlank(line, keywordStart);
        boolean isType = line.startsWith("TYPE", keywordStart) && keywordEnd - keywordStart == 4;
        boolean isHelp = line.startsWith("HELP", keywordStart) && keywordEnd - keywordStart == 4;
        if (keywordStart == 1 || (!isType && !isHelp)) {
            return;
        }
        int nameStart = skipBlanks(line, keywordEnd);
        int nameEnd = nextBlank(line, nameStart);
        String name = line.substring(nameStart, nameEnd);
        if (!ExpositionLine.isMetricName(name)) {
            return;
        }
        String rest = line.substring(Math.min(line.length(), skipBlanks(line, nameEnd)));
        if (isHelp) {
            helps.putIfAbsent(name, rest);
            return;
        }
        String typeText = rest.strip();
        MetricType type = MetricType.parse(typeText);
        MetricType earlier = declared.putIfAbsent(name, type == null ? MetricType.UNTYPED : type);
        if (earlier != null && type != earlier) {
            problems.accept(source + " line " + lineNo + ": second TYPE " + typeText + " for " + earlier.text()
                    + " family " + name + ": kept " + earlier.text());
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int nextBlank(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }
}
