package io.higress.fleet.security.redaction;

import java.util.Arrays;
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

    /**
     * {@code fleet.redaction.keys}' default: today's keys plus the secret fields of Higress's built-in plugins, from
     * their READMEs: key-auth and basic-auth {@code credential(s)}; jwt-auth {@code jwks}; hmac-auth {@code secret};
     * oauth and oidc {@code client_secret}, {@code cookie_secret}; ai-proxy {@code apiTokens}, {@code awsAccessKey},
     * {@code awsSecretKey}, {@code hunyuanAuthKey}, {@code vertexAuthKey}; ai-search, ai-agent, ai-rag, ai-intent,
     * ai-transformer {@code apiKey}, {@code llmApiKey}, {@code proxyApiKey}; ai-security-guard {@code accessKey},
     * {@code secretKey}; ai-cache {@code esPassword}, {@code apiSecret}, {@code textinSecretCode}; the rate limits'
     * and caches' redis {@code password}; the AI providers' {@code tokens}; service sources' {@code nacosAccessKey},
     * {@code nacosSecretKey} and the console's {@code authN} {@code nacosPassword}, {@code consulToken}; a database MCP
     * server's {@code dsn} (it holds the password). One text, so that the configuration
     * default and the code agree.
     */
    public static final String DEFAULT_KEY_LIST = "api_tokens,api_token,password,passwd,secret,token,access_token,"
            + "refresh_token,id_token,private_key,access_key,secret_key,authorization,credential,credentials,"
            + "client_secret,cookie_secret,cookie,api_key,x-api-key,llm_api_key,proxy_api_key,api_secret,bearer,"
            + "jwt_secret,jwks,aws_access_key,aws_secret_key,hunyuan_auth_key,vertex_auth_key,es_password,"
            + "textin_secret_code,tokens,nacos_access_key,nacos_secret_key,nacos_password,consul_token,dsn";

    public static final List<String> DEFAULT_KEYS = List.of(DEFAULT_KEY_LIST.split(","));

    public static final String REDACTED = "[redacted]";

    private static final SecretKeyMatcher DEFAULT = new SecretKeyMatcher(DEFAULT_KEYS);
    private static final SecretKeyMatcher NONE = new SecretKeyMatcher(List.of());

    private static final int MAX_CACHED = 10_000;

    private final Set<String> normalisedKeys;
    /** Field names repeat endlessly in a dump; remember the verdict (bounded, shared by all sessions). */
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    public SecretKeyMatcher(Collection<String> keys) {
        this.normalisedKeys = keys.stream().map(SecretKeyMatcher::normalise).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public SecretKeyMatcher(String... keys) {
        this(Arrays.asList(keys));
    }

    public static SecretKeyMatcher defaults() {
        return DEFAULT;
    }

    /** Nothing is secret: what admins see. */
    public static SecretKeyMatcher none() {
        return NONE;
    }

    public boolean isEmpty() {
        return normalisedKeys.isEmpty();
    }

    public boolean isSecret(String key) {
        if (key == null || normalisedKeys.isEmpty()) {
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
