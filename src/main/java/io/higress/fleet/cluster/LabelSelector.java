package io.higress.fleet.cluster;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its string syntax: {@code env in (dev,test),region=eu,!legacy,tier!=db}.
 * Requirements are ANDed. {@link #parse} rejects malformed input with a message fit for a 400.
 */
public final class LabelSelector {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    enum Op { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

    @RegisterForReflection
    record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
            };
        }
    }

    private final List<Requirement> requirements;
    private final String text;

    private LabelSelector(List<Requirement> requirements, String text) {
        this.requirements = requirements;
        this.text = text;
    }

    /** An empty selector matches everything. */
    public static LabelSelector parse(String text) {
        List<Requirement> out = new ArrayList<>();
        for (String part : splitTopLevel(text == null ? "" : text.trim())) {
            out.add(requirement(part.trim()));
        }
        return new LabelSelector(List.copyOf(out), text);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    /** The selector as label equalities (what a pod list needs); fails if it uses any other operator. */
    public Map<String, String> equalityMap() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Requirement r : requirements) {
            if (r.op() != Op.EQUALS) {
                throw new IllegalArgumentException("only key=value requirements are supported here, not '" + r.key() + "'");
            }
            out.put(r.key(), r.values().iterator().next());
        }
        return out;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced ')' at position " + i);
                }
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '('");
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Requirement requirement(String r) {
        if (r.isEmpty()) {
            throw new IllegalArgumentException("empty requirement");
        }
        if (r.startsWith("!")) {
            return new Requirement(key(r.substring(1).trim()), Op.NOT_EXISTS, Set.of());
        }
        int neq = r.indexOf("!=");
        if (neq > 0) {
            return new Requirement(key(r.substring(0, neq).trim()), Op.NOT_EQUALS, Set.of(value(r.substring(neq + 2).trim())));
        }
        int eq = r.indexOf('=');
        if (eq > 0) {
            int valueStart = r.startsWith("==", eq) ? eq + 2 : eq + 1;
            return new Requirement(key(r.substring(0, eq).trim()), Op.EQUALS, Set.of(value(r.substring(valueStart).trim())));
        }
        String[] words = r.split("\\s+", 2);
        if (words.length == 1) {
            return new Requirement(key(words[0]), Op.EXISTS, Set.of());
        }
        String rest = words[1].trim();
        Op op;
        if (rest.startsWith("notin")) {
            op = Op.NOT_IN;
            rest = rest.substring(5).trim();
        } else if (rest.startsWith("in")) {
            op = Op.IN;
            rest = rest.substring(2).trim();
        } else {
            throw new IllegalArgumentException("expected '=', '==', '!=', 'in' or 'notin' after '" + words[0] + "'");
        }
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
            throw new IllegalArgumentException("values of '" + words[0] + "' must be in parentheses");
        }
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String v : rest.substring(1, rest.length() - 1).split(",")) {
            values.add(value(v.trim()));
        }
        return new Requirement(key(words[0]), op, Set.copyOf(values));
    }

    private static String key(String k) {
        int slash = k.indexOf('/');
        String name = slash >= 0 ? k.substring(slash + 1) : k;
        boolean prefixOk = slash < 0 || (slash <= 253 && PREFIX.matcher(k.substring(0, slash)).matches());
        if (!prefixOk || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid label key '" + k + "'");
        }
        return k;
    }

    private static String value(String v) {
        if (v.length() > 63 || !VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException("invalid label value '" + v + "'");
        }
        return v;
    }
}
