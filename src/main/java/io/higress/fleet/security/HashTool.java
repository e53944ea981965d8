package io.higress.fleet.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes the values of fleet.security.* (docs/security.md):
 * <pre>
 * java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' io.higress.fleet.security.HashTool bcrypt [password|-]
 *     ... pbkdf2 [password|-]   a password hash for users.NAME.password-hash ('-' or nothing: read stdin)
 *     ... apikey                a new random API key and its sha256 for api-keys.NAME.sha256
 *     ... secret                a random token secret for token.secret
 * </pre>
 */
public final class HashTool {

    static final int BCRYPT_COST = 12;

    private HashTool() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case "bcrypt" -> System.out.println(PasswordHashes.bcrypt(password(args), BCRYPT_COST));
            case "pbkdf2" -> System.out.println(PasswordHashes.pbkdf2(password(args),
                    PasswordHashes.PBKDF2_DEFAULT_ITERATIONS));
            case "apikey" -> {
                String key = newApiKey();
                System.out.println("key:    " + key);
                System.out.println("sha256: " + sha256(key));
            }
            case "secret" -> System.out.println(newTokenSecret());
            default -> {
                System.err.println("usage: HashTool bcrypt|pbkdf2 [password|-] | apikey | secret");
                System.exit(2);
            }
        }
    }

    /** A random API key ({@code hf_} + 32 random bytes, URL-safe base64). */
    public static String newApiKey() {
        return "hf_" + random(32);
    }

    /** The hex SHA-256 to configure for an API key (api-keys.NAME.sha256). */
    public static String sha256(String key) {
        return HexFormat.of().formatHex(ApiKeyDigest.of(key));
    }

    /** A random token secret (48 random bytes, 64 characters). */
    public static String newTokenSecret() {
        return random(48);
    }

    private static String password(String[] args) throws IOException {
        if (args.length > 1 && !args[1].equals("-")) {
            return args[1];
        }
        // stdin keeps the password out of the shell history and the process list
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            System.err.println("no password given");
            System.exit(2);
        }
        return line;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
