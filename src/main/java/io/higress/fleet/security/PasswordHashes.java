package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Password hashes accepted in fleet.security.users.*.password-hash: bcrypt ({@code $2a$}, {@code $2b$},
 * {@code $2y$}) and PBKDF2 as {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>} (HMAC-SHA256, 32-byte
 * hash). Verification is slow on purpose: call it on a worker thread, never on the event loop.
 */
public final class PasswordHashes {

    public static final String PBKDF2_PREFIX = "pbkdf2-sha256$";
    public static final int PBKDF2_DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    public static boolean isSupported(String encoded) {
        if (encoded == null) {
            return false;
        }
        if (encoded.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return true;
        }
        return Pbkdf2.parse(encoded) != null;
    }

    public static boolean matches(String password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        if (encoded.startsWith("$2")) {
            try {
                return BCrypt.checkpw(password, encoded);
            } catch (IllegalArgumentException e) {
                return false; // malformed hash or a password past bcrypt's 72 bytes
            }
        }
        Pbkdf2 p = Pbkdf2.parse(encoded);
        return p != null && MessageDigest.isEqual(p.hash, Pbkdf2.derive(password, p.salt, p.iterations));
    }

    public static String bcrypt(String password, int cost) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    public static String pbkdf2(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PBKDF2_PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(Pbkdf2.derive(password, salt, iterations));
    }

    @RegisterForReflection
    private record Pbkdf2(int iterations, byte[] salt, byte[] hash) {
        static Pbkdf2 parse(String encoded) {
            if (!encoded.startsWith(PBKDF2_PREFIX)) {
                return null;
            }
            String[] parts = encoded.substring(PBKDF2_PREFIX.length()).split("\\$");
            try {
                int iterations = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] hash = Base64.getDecoder().decode(parts[2]);
                return parts.length == 3 && iterations >= 1000 && salt.length >= 8 && hash.length == 32
                        ? new Pbkdf2(iterations, salt, hash) : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        static byte[] derive(String password, byte[] salt, int iterations) {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
            } finally {
                spec.clearPassword();
            }
        }
    }
}
