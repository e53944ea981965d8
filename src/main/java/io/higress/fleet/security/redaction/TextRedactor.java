package io.higress.fleet.security.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best effort for free text (an upstream's error message, a rollout's reason, an audit target): hides the value
 * after a secret key written as JSON ({@code "api_tokens":["sk-1"]}, also escaped inside a string), YAML or a
 * Kubernetes message ({@code spec.defaultConfig.api_tokens: Invalid value: "sk-1"}), or {@code key=value}, and the
 * credential after {@code Bearer}/{@code Basic}. Structured bodies go through {@link JsonNodeRedactor}, which is
 * exact; this only keeps secrets quoted in messages away from viewers and files.
 */
final class TextRedactor {

    /**
     * A key, an optional (escaped) quote, a separator, then the value: matched only where a secret key ends. The
     * quoted value's loop is possessive: it never gives back a character the closing quote could use, and a
     * greedy one recursed once per character (a long quoted value overflowed the stack).
     */
    private static final Pattern PAIR = Pattern.compile(
            "(?<key>[A-Za-z0-9_.\\-]+)(?:\\\\?[\"'])?\\s*[:=]\\s*(?:Invalid value:\\s*|(?i:bearer|basic)\\s+)?"
                    + "(?<value>\\\\?\"(?:[^\"\\\\]|\\\\[^\"])*+\\\\?\"|'[^']*'|\\[[^\\]]*]|\\{[^}]*}"
                    + "|[^\\s,;&}\\])\"']+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=\\-]{4,}");

    private final SecretKeyMatcher keys;

    TextRedactor(SecretKeyMatcher keys) {
        this.keys = keys;
    }

    /**
     * Each {@code :} or {@code =} is looked at once: the key before it is read backwards and only a secret key's
     * pair is matched. (Searching for the pattern at every position was quadratic in long runs of key characters,
     * such as a PEM block's base64 lines, and most of a dump's multi-line strings hold no pair at all.)
     */
    String redact(String text) {
        if (text == null || text.isEmpty() || keys.isEmpty()) {
            return text;
        }
        if (mentionsScheme(text)) {
            text = SCHEME.matcher(text).replaceAll("$1 " + SecretKeyMatcher.REDACTED);
        }
        StringBuilder out = null;
        Matcher m = null;
        int copied = 0;
        int floor = 0; // keys start here or later: not inside a value replaced or a pair's "Invalid value:"/scheme
        for (int sep = 0; sep < text.length(); sep++) {
            char c = text.charAt(sep);
            if (c != ':' && c != '=') {
                continue;
            }
            int keyStart = keyBefore(text, sep);
            if (keyStart < floor || keyStart == sep) {
                continue;
            }
            boolean secret = keys.isSecret(lastSegment(text.substring(keyStart, keyEnd(text, keyStart))));
            if (!secret && !prefixMayFollow(text, sep)) {
                continue;
            }
            if (m == null) {
                m = PAIR.matcher(text);
            }
            m.region(keyStart, text.length());
            if (!m.lookingAt()) {
                continue;
            }
            if (!secret) {
                floor = m.start("value"); // what follows the prefix is this pair's value, not a key
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start("value")).append(placeholder(m.group("value")));
            copied = m.end("value");
            floor = copied;
            sep = copied - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where the run of key characters ending just before {@code sep} (past blanks and a quote) starts; sep if none. */
    private static int keyBefore(String text, int sep) {
        int i = sep;
        while (i > 0 && isBlank(text.charAt(i - 1))) {
            i--;
        }
        if (i > 0 && (text.charAt(i - 1) == '"' || text.charAt(i - 1) == '\'')) {
            i--;
            if (i > 0 && text.charAt(i - 1) == '\\') {
                i--;
            }
        }
        int end = i;
        while (i > 0 && isKeyChar(text.charAt(i - 1))) {
            i--;
        }
        return i == end ? sep : i;
    }

    /** After the separator and blanks: could an {@code Invalid value:} or a scheme's name come (the pattern decides)? */
    private static boolean prefixMayFollow(String text, int sep) {
        int i = sep + 1;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == 'I' || text.charAt(i) == 'b' || text.charAt(i) == 'B');
    }

    private static int keyEnd(String text, int i) {
        while (isKeyChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '-';
    }

    /** Java's {@code \\s}. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean mentionsScheme(String text) {
        for (int i = text.indexOf('b'), j = text.indexOf('B'); i >= 0 || j >= 0; ) {
            int at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
            if (text.regionMatches(true, at, "bearer", 0, 6) || text.regionMatches(true, at, "basic", 0, 5)) {
                return true;
            }
            if (at == i) {
                i = text.indexOf('b', i + 1);
            } else {
                j = text.indexOf('B', j + 1);
            }
        }
        return false;
    }

    /** {@code spec.defaultConfig.api_tokens} → {@code api_tokens}. */
    private static String lastSegment(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private static String placeholder(String value) {
        if (value.startsWith("[")) {
            return "[\"" + SecretKeyMatcher.REDACTED + "\"]";
        }
        if (value.startsWith("\\\"")) {
            return "\\\"" + SecretKeyMatcher.REDACTED + "\\\"";
        }
        if (value.startsWith("\"") || value.startsWith("'")) {
            return value.charAt(0) + SecretKeyMatcher.REDACTED + value.charAt(0);
        }
        return SecretKeyMatcher.REDACTED;
    }
}
