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

    private static final Pattern PAIR = Pattern.compile(
            "(?<key>[A-Za-z0-9_.\\-]+)(?:\\\\?[\"'])?\\s*[:=]\\s*(?:Invalid value:\\s*|(?i:bearer|basic)\\s+)?"
                    + "(?<value>\\\\?\"(?:[^\"\\\\]|\\\\[^\"])*\\\\?\"|'[^']*'|\\[[^\\]]*]|\\{[^}]*}"
                    + "|[^\\s,;&}\\])\"']+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=\\-]{4,}");

    private final SecretKeyMatcher keys;

    TextRedactor(SecretKeyMatcher keys) {
        this.keys = keys;
    }

    String redact(String text) {
        if (text == null || text.isEmpty() || keys.isEmpty()) {
            return text;
        }
        text = SCHEME.matcher(text).replaceAll("$1 " + SecretKeyMatcher.REDACTED);
        Matcher m = PAIR.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (keys.isSecret(lastSegment(m.group("key")))) {
                out.append(text, copied, m.start("value")).append(placeholder(m.group("value")));
                copied = m.end("value");
                from = copied;
            } else {
                from = m.start("value"); // the value may be the next key ("invalid: spec.api_tokens: ...")
            }
        }
        out.append(text, copied, text.length());
        return out.toString();
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
