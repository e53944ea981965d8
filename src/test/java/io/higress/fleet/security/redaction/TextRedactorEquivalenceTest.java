package io.higress.fleet.security.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TextRedactor} reads each separator's key backwards and matches its value by hand instead of searching for
 * a pattern at every position; this holds it to the search it replaced (kept here as the oracle) over texts made of the pieces that matter:
 * keys (secret or not, dotted, quoted, escaped), separators, blanks, values of every quoting, schemes.
 */
class TextRedactorEquivalenceTest {

    private static final Pattern PAIR = Pattern.compile(
            "(?<key>[A-Za-z0-9_.\\-]+)(?:\\\\?[\"'])?\\s*[:=]\\s*(?:Invalid value:\\s*|(?i:bearer|basic)\\s+)?"
                    + "(?<value>\\\\?\"(?:[^\"\\\\]|\\\\[^\"])*\\\\?\"|'[^']*'|\\[[^\\]]*]|\\{[^}]*}"
                    + "|[^\\s,;&}\\])\"']+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=\\-]{4,}");

    private static final String[] PIECES = {"password", "api_tokens", "spec.defaultConfig.api_tokens", "x.token",
        "name", "value", "xpassword", "passwordx", "Token", "API-KEY", ":", "=", " ", "\n", "\t", "\"", "'", "\\\"",
        "\\", ",", ";", "&", "}", "{", "[", "]", "sk-1", "abc", "a=b", "Invalid value: ", "Bearer ", "basic ",
        "eyJhbGciOi.e30", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", "==", "-----BEGIN KEY-----", "ſ", "é",
        "Invalid value:", "BEARER\t", "Basic", "baſic ", "bearer=", "(", ")", "\\\\"};

    private final TextRedactor redactor = new TextRedactor(SecretKeyMatcher.defaults());

    @Test
    void redactsExactlyWhatTheFullSearchRedacted() {
        Random random = new Random(19);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = text.toString();
            assertThat(redactor.redact(s)).as("text %s", s).isEqualTo(searched(s));
        }
    }

    @Test
    void aLongRunOfKeyCharactersIsLinear() {
        String pem = "key: |\n" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1234567890abcdef=\n".repeat(20_000)
                + "password: hunter2\n";
        assertThat(redactor.redact(pem)).endsWith("password: [redacted]\n").hasSize(pem.length() + 3);
    }

    @Test
    void aLongQuotedValueDoesNotOverflowTheStack() {
        String text = "a\npassword: \"" + "x".repeat(200_000) + "\"\nname: b";
        assertThat(redactor.redact(text)).isEqualTo("a\npassword: \"[redacted]\"\nname: b");
    }

    /**
     * A value opened and never closed after each of many secret keys: the pattern rescanned the rest of the text
     * for each (12.5 s for 20,000 lines here); matched by hand, each closer is searched once. The timeout is a
     * thousand times the linear run's time, so only the quadratic behaviour can hit it.
     */
    @Test
    void neverClosedValuesAreLinear() {
        for (String line : new String[] {"password:[x\n", "password: {x\n", "password='x\n", "token: \"x\n",
            "password: Invalid value: [x\n", "a=bearer=", "a: Invalid value:"}) {
            String few = redactor.redact(line.repeat(2_000));
            assertThat(few).as(line).isEqualTo(searched(line.repeat(2_000)));
            String text = line.repeat(100_000);
            String redacted = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> redactor.redact(text), line);
            assertThat(redacted.startsWith(few.substring(0, few.lastIndexOf(line.charAt(0))))).as(line).isTrue();
        }
    }

    /** The implementation this replaced: the pattern searched from every position. */
    private static String searched(String text) {
        SecretKeyMatcher keys = SecretKeyMatcher.defaults();
        text = SCHEME.matcher(text).replaceAll("$1 " + SecretKeyMatcher.REDACTED);
        Matcher m = PAIR.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            String key = m.group("key");
            int dot = key.lastIndexOf('.');
            if (keys.isSecret(dot < 0 ? key : key.substring(dot + 1))) {
                String value = m.group("value");
                out.append(text, copied, m.start("value")).append(value.startsWith("[")
                        ? "[\"" + SecretKeyMatcher.REDACTED + "\"]"
                        : value.startsWith("\\\"") ? "\\\"" + SecretKeyMatcher.REDACTED + "\\\""
                        : value.startsWith("\"") || value.startsWith("'")
                        ? value.charAt(0) + SecretKeyMatcher.REDACTED + value.charAt(0) : SecretKeyMatcher.REDACTED);
                copied = m.end("value");
                from = copied;
            } else {
                from = m.start("value");
            }
        }
        return out.append(text, copied, text.length()).toString();
    }
}
