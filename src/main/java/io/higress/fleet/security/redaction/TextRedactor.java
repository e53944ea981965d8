package io.higress.fleet.security.redaction;

import java.util.regex.Pattern;

/**
 * Best effort for free text (an upstream's error message, a rollout's reason, an audit target): hides the value
 * after a secret key written as JSON ({@code "api_tokens":["sk-1"]}, also escaped inside a string), YAML or a
 * Kubernetes message ({@code spec.defaultConfig.api_tokens: Invalid value: "sk-1"}), or {@code key=value}, and the
 * credential after {@code Bearer}/{@code Basic}. Structured bodies go through {@link JsonNodeRedactor}, which is
 * exact; this only keeps secrets quoted in messages away from viewers and files.
 */
final class TextRedactor {

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
        Closers closers = null;
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
            if (closers == null) {
                closers = new Closers(text);
            }
            long value = pairValue(text, sep, closers);
            if (value < 0) {
                continue;
            }
            int valueStart = (int) (value >>> 32);
            int valueEnd = (int) value;
            if (!secret) {
                floor = valueStart; // what follows the prefix is this pair's value, not a key
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, valueStart).append(placeholder(text, valueStart, valueEnd));
            copied = valueEnd;
            floor = copied;
            sep = copied - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * The pair's value after the separator, as {@code start << 32 | end}, or -1. Past blanks may come
     * {@code Invalid value:} or a scheme's name and blanks; when no value follows that prefix, the prefix's first
     * word is the value (as the pattern this replaced backtracked).
     */
    private static long pairValue(String text, int sep, Closers closers) {
        int v = skipBlanks(text, sep + 1);
        int prefixEnd = -1;
        if (text.startsWith("Invalid value:", v)) {
            prefixEnd = skipBlanks(text, v + "Invalid value:".length());
        } else {
            int name = asciiIgnoreCase(text, v, "bearer") ? v + 6 : asciiIgnoreCase(text, v, "basic") ? v + 5 : -1;
            int after = name < 0 ? -1 : skipBlanks(text, name);
            prefixEnd = after > name ? after : -1; // a scheme's name needs a blank after it
        }
        int end = prefixEnd < 0 ? -1 : valueEnd(text, prefixEnd, closers);
        if (end >= 0) {
            return (long) prefixEnd << 32 | end;
        }
        end = valueEnd(text, v, closers);
        return end < 0 ? -1 : (long) v << 32 | end;
    }

    /**
     * Where a value starting at {@code i} ends, or -1. Tried in this order: a double-quoted string (also escaped,
     * {@code \\"…\\"}), a single-quoted one, a {@code […]} list, a {@code {…}} map, each ending at its first closer
     * (no nesting; in a double-quoted string an escape never hides the closing quote: {@code \\"} ends it as
     * {@code "} does), then a bare word.
     */
    private static int valueEnd(String text, int i, Closers closers) {
        if (i >= text.length()) {
            return -1;
        }
        char c = text.charAt(i);
        int close = -1;
        if (c == '"') {
            close = closers.next(Closers.QUOTE, i + 1);
        } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            close = closers.next(Closers.QUOTE, i + 2);
        } else if (c == '\'') {
            close = closers.next(Closers.APOSTROPHE, i + 1);
        } else if (c == '[') {
            close = closers.next(Closers.BRACKET, i + 1);
        } else if (c == '{') {
            close = closers.next(Closers.BRACE, i + 1);
        }
        if (close >= 0) {
            return close + 1;
        }
        int end = closers.next(Closers.WORD_END, i);
        return end > i ? end : -1;
    }

    /**
     * The next closing {@code "}, {@code '}, {@code ]}, {@code }} or end of a bare word at or after a position,
     * remembered per closer. The searches move forward through the text, so each closer's search is linear in all:
     * as a pattern, a never-closed {@code [} after each of many secret keys rescanned the rest of the text each time.
     */
    private static final class Closers {
        static final int QUOTE = 0;
        static final int APOSTROPHE = 1;
        static final int BRACKET = 2;
        static final int BRACE = 3;
        static final int WORD_END = 4;
        private static final char[] CHARS = {'"', '\'', ']', '}'};

        private final String text;
        private final int[] from = {-1, -1, -1, -1, -1};
        private final int[] found = new int[5];

        Closers(String text) {
            this.text = text;
        }

        /** The closer's position at or after {@code at}; -1 if none (for WORD_END: the text's length). */
        int next(int closer, int at) {
            boolean known = from[closer] >= 0 && at >= from[closer] && (found[closer] < 0 || at <= found[closer]);
            if (!known) {
                from[closer] = at;
                found[closer] = closer == WORD_END ? wordEnd(at) : text.indexOf(CHARS[closer], at);
            }
            return found[closer];
        }

        private int wordEnd(int i) {
            while (i < text.length() && !endsBareWord(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean endsBareWord(char c) {
            return isBlank(c) || c == ',' || c == ';' || c == '&' || c == '}' || c == ']' || c == ')' || c == '"'
                    || c == '\'';
        }
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The pattern's {@code (?i)} without UNICODE_CASE: ASCII letters only ({@code ſ} is not an {@code s}). */
    private static boolean asciiIgnoreCase(String text, int at, String lowerWord) {
        if (at + lowerWord.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = text.charAt(at + k);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
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

    private static String placeholder(String text, int value, int end) {
        char c = text.charAt(value);
        if (c == '[') {
            return "[\"" + SecretKeyMatcher.REDACTED + "\"]";
        }
        if (c == '\\' && end - value > 1 && text.charAt(value + 1) == '"') { // not a bare "\\" before a quote
            return "\\\"" + SecretKeyMatcher.REDACTED + "\\\"";
        }
        if (c == '"' || c == '\'') {
            return c + SecretKeyMatcher.REDACTED + c;
        }
        return SecretKeyMatcher.REDACTED;
    }
}
