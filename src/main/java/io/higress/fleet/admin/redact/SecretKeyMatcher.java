package io.higress.fleet.admin.redact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides whether a JSON field name is a secret key. Keys are compared normalised: lower case with {@code _} and
 * {@code -} removed, so {@code api_tokens}, {@code apiTokens}, {@code API-TOKENS} are the same key, and so are
 * {@code access_key} / {@code accessKey}. Matching is on the whole key: {@code authorization_request} does not match
 * {@code authorization}.
 */
public final class SecretKeyMatcher {

    public static final List<String> DEFAULT_KEYS = List.of("api_tokens", "apiTokens", "password", "secret", "token",
            "private_key", "access_key", "secret_key", "authorization", "credentials");

    public static final String REDACTED = "[redacted]";

    private static final SecretKeyMatcher DEFAULT = new SecretKeyMatcher(DEFAULT_KEYS);

    private static final int MAX_CACHED = 10_000;

    private final Set<String> normalisedKeys;
    /** Field names repeat endlessly in a dump; remember the verdict (bounded, shared by all sessions). */
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    public SecretKeyMatcher(Collection<String> keys) {
        this.normalisedKeys = keys.stream().map(SecretKeyMatcher::normalise).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public static SecretKeyMatcher defaults() {
        return DEFAULT;
    }

    public boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        Boolean verdict = verdicts.get(key);
        if (verdict == null) {
            verdict = normalisedKeys.contains(normalise(key));
            if (verdicts.size() < MAX_CACHED) {
                verdicts.put(key, verdict);
            }
        }
        return verdict;
    }

    static String normalise(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
