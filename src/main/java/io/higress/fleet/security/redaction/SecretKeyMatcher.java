package io.higress.fleet.security.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private final byte[][][] keyBytes;
    /** Field names repeat endlessly in a dump; remember the verdict (bounded, shared by all sessions). */
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    public SecretKeyMatcher(Collection<String> keys) {
        this.normalisedKeys = keys.stream().map(SecretKeyMatcher::normalise).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.keyBytes = byHash(normalisedKeys);
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

    /**
     * {@link #isSecret(String)} for a field name given as its UTF-8 bytes (a config_dump's, as scanned), without
     * making a String: the name is normalised on the fly and compared with the keys' normalised bytes. Names with
     * bytes above ASCII are decoded and asked as a String.
     */
    public boolean isSecret(byte[] utf8, int offset, int length) {
        if (normalisedKeys.isEmpty()) {
            return false;
        }
        int hash = 0;
        int normalisedLength = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = utf8[i];
            if (b < 0) {
                return isSecret(new String(utf8, offset, length, StandardCharsets.UTF_8));
            }
            if (b != '_' && b != '-') {
                hash = 31 * hash + lower(b);
                normalisedLength++;
            }
        }
        for (byte[] key : keyBytes[hash & (keyBytes.length - 1)]) {
            if (key.length == normalisedLength && sameNormalised(key, utf8, offset, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameNormalised(byte[] key, byte[] utf8, int offset, int length) {
        int k = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = utf8[i];
            if (b != '_' && b != '-' && key[k++] != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** The normalised keys' bytes by hash (String.hashCode of an ASCII key equals the hash computed above). */
    private static byte[][][] byHash(Set<String> keys) {
        int size = Integer.highestOneBit(Math.max(1, keys.size()) * 4);
        List<List<byte[]>> buckets = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            buckets.add(new ArrayList<>());
        }
        for (String key : keys) {
            if (key.chars().allMatch(c -> c < 0x80)) { // a non-ASCII key is only matched through the String path
                buckets.get(key.hashCode() & (size - 1)).add(key.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return buckets.stream().map(b -> b.toArray(byte[][]::new)).toArray(byte[][][]::new);
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
