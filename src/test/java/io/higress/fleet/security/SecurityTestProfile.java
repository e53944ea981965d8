package io.higress.fleet.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The security tests' configuration, kept out of the shared application.properties: one unreachable direct-mode
 * cluster (auth does not need a live gateway), a user per role, two API keys and a fixed token secret so that tests
 * can forge tokens. Cheap hash costs keep the tests fast; production hashes come from HashTool.
 */
public class SecurityTestProfile implements QuarkusTestProfile {

    static final String SECRET = "security-test-secret-0123456789-abcdefghijklmnop";
    static final String VIEWER_KEY = "hf_test-viewer-key-0123456789";
    static final String OPERATOR_KEY = "hf_test-operator-key-0123456789";
    static final String DATA_DIR = "target/security-test-data";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("fleet.clusters.local.gateways.admin-mode", "direct");
        c.put("fleet.clusters.local.gateways.direct.gw-1", "http://127.0.0.1:1");
        c.put("fleet.data-dir", DATA_DIR);
        c.put("fleet.security.token.secret", SECRET);
        c.put("fleet.security.users.admin.password-hash", PasswordHashes.bcrypt("admin-pass", 4));
        c.put("fleet.security.users.admin.roles", "admin");
        c.put("fleet.security.users.olga.password-hash", PasswordHashes.pbkdf2("operator-pass", 1000));
        c.put("fleet.security.users.olga.roles", "operator");
        c.put("fleet.security.users.vic.password-hash", PasswordHashes.bcrypt("viewer-pass", 4));
        c.put("fleet.security.users.vic.roles", "viewer");
        // production's cost: parallel guesses against it must all be counted before their slow checks
        c.put("fleet.security.users.slow.password-hash", PasswordHashes.bcrypt("slow-pass", 12));
        c.put("fleet.security.users.slow.roles", "viewer");
        c.put("fleet.security.api-keys.dashboard.sha256", hex(VIEWER_KEY));
        c.put("fleet.security.api-keys.dashboard.roles", "viewer");
        c.put("fleet.security.api-keys.bot.sha256", hex(OPERATOR_KEY));
        c.put("fleet.security.api-keys.bot.roles", "operator");
        return c;
    }

    private static String hex(String key) {
        return HexFormat.of().formatHex(ApiKeyDigest.of(key));
    }
}
