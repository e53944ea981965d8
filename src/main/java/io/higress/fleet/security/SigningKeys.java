package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of login tokens: one that signs, and those that verify (the signing one plus, during a rotation, the
 * previous secrets). Read once at startup from fleet.security.token.*; every mistake is reported with its key.
 */
@RegisterForReflection
public record SigningKeys(SignatureAlgorithm algorithm, Key signingKey, List<Key> verificationKeys, boolean generated) {

    public static final int MIN_SECRET_BYTES = 32;
    private static final String KEY = "fleet.security.token.";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

    /** The keys, or null with {@code errors} saying why. */
    public static SigningKeys load(SecurityConfig.Token cfg, boolean generationAllowed, List<String> errors) {
        List<Key> previous = new ArrayList<>();
        for (String old : cfg.previousSecrets().orElse(List.of())) {
            hmac(old, KEY + "previous-secrets", errors).ifPresent(previous::add);
        }
        if (cfg.keyFile().isPresent()) {
            return fromKeyFile(cfg.keyFile().get(), previous, errors);
        }
        if (cfg.secret().isPresent()) {
            return hmac(cfg.secret().get(), KEY + "secret", errors)
                    .map(k -> new SigningKeys(SignatureAlgorithm.HS256, k, with(k, previous), false)).orElse(null);
        }
        if (!generationAllowed) {
            errors.add(KEY + "secret: no signing key for login tokens; set fleet.security.token.secret (at least "
                    + MIN_SECRET_BYTES + " bytes, e.g. from FLEET_TOKEN_SECRET) or fleet.security.token.key-file");
            return null;
        }
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        Key k = new SecretKeySpec(random, "HmacSHA256");
        return new SigningKeys(SignatureAlgorithm.HS256, k, with(k, previous), true);
    }

    private static java.util.Optional<Key> hmac(String secret, String key, List<String> errors) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            errors.add(key + ": a token secret must have at least " + MIN_SECRET_BYTES + " bytes (has "
                    + bytes.length + ")");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SecretKeySpec(bytes, "HmacSHA256"));
    }

    private static SigningKeys fromKeyFile(String file, List<Key> previous, List<String> errors) {
        try {
            String pem = Files.readString(Path.of(file));
            Key priv = null;
            Key pub = null;
            Matcher m = PEM.matcher(pem);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                if (m.group(1).equals("PRIVATE")) {
                    priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                } else {
                    pub = rsa.generatePublic(new X509EncodedKeySpec(der));
                }
            }
            if (priv == null || pub == null) {
                errors.add(KEY + "key-file: " + file + " must hold an RSA '-----BEGIN PRIVATE KEY-----' (PKCS#8) and "
                        + "its '-----BEGIN PUBLIC KEY-----'");
                return null;
            }
            return new SigningKeys(SignatureAlgorithm.RS256, priv, with(pub, previous), false);
        } catch (IOException e) {
            errors.add(KEY + "key-file: cannot read " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            errors.add(KEY + "key-file: " + file + " holds no usable RSA key: " + e.getMessage());
        }
        return null;
    }

    private static List<Key> with(Key first, List<Key> rest) {
        List<Key> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }
}
