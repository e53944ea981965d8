package io.higress.fleet.sim;

import io.higress.fleet.security.ApiKeyDigest;
import io.higress.fleet.security.PasswordHashes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may call a simulated fleet's facade. The user {@code admin} / {@code password} makes the brief's login curl
 * work as written; the API keys let tests and benchmarks call as each role. Known values: a simulation only.
 */
public final class SimulatedCredentials {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "password";
    public static final String ADMIN_KEY = "sim-admin-key-0123456789abcdef";
    public static final String OPERATOR_KEY = "sim-operator-key-0123456789abcdef";
    public static final String VIEWER_KEY = "sim-viewer-key-0123456789abcdef";

    private SimulatedCredentials() {
    }

    /** The {@code fleet.security} subtree, with a fresh signing secret; cheap hash costs keep startup fast. */
    static Map<String, Object> securityTree() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, Object> users = new LinkedHashMap<>();
        users.put(ADMIN_USER, new LinkedHashMap<>(Map.of(
                "password-hash", PasswordHashes.bcrypt(ADMIN_PASSWORD, 4), "roles", "admin")));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("sim-admin", key(ADMIN_KEY, "admin"));
        keys.put("sim-operator", key(OPERATOR_KEY, "operator"));
        keys.put("sim-viewer", key(VIEWER_KEY, "viewer"));
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("token", new LinkedHashMap<>(Map.of("secret", Base64.getEncoder().encodeToString(secret))));
        security.put("users", users);
        security.put("api-keys", keys);
        return security;
    }

    private static Map<String, Object> key(String key, String role) {
        return new LinkedHashMap<>(Map.of("sha256", HexFormat.of().formatHex(ApiKeyDigest.of(key)), "roles", role));
    }
}
