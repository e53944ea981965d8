package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    static final String SECRET_A = "a".repeat(32);
    static final String SECRET_B = "b".repeat(40);

    record Token(Optional<String> secret, Optional<List<String>> previousSecrets, Optional<String> keyFile,
            Optional<Boolean> allowGenerated, Duration lifetime, String issuer) implements SecurityConfig.Token {
        Token withIssuer(String iss) {
            return new Token(secret, previousSecrets, keyFile, allowGenerated, lifetime, iss);
        }

        static Token secret(String s, String... previous) {
            return new Token(Optional.ofNullable(s), previous.length == 0 ? Optional.empty()
                    : Optional.of(List.of(previous)), Optional.empty(), Optional.empty(), Duration.ofHours(2), "iss");
        }
    }

    @Test
    void withoutSecretProductionRefusesToStartNamingTheKey() {
        List<String> errors = new ArrayList<>();
        assertThat(SigningKeys.load(Token.secret(null), false, errors)).isNull();
        assertThat(errors).singleElement().asString().startsWith("fleet.security.token.secret:");
    }

    @Test
    void devAndTestMayGenerateOne() {
        List<String> errors = new ArrayList<>();
        SigningKeys keys = SigningKeys.load(Token.secret(null), true, errors);
        assertThat(errors).isEmpty();
        assertThat(keys.generated()).isTrue();
    }

    @Test
    void shortSecretsAreRefused() {
        List<String> errors = new ArrayList<>();
        assertThat(SigningKeys.load(Token.secret("x".repeat(31)), true, errors)).isNull();
        assertThat(errors).singleElement().asString().contains("fleet.security.token.secret").contains("32 bytes");
    }

    @Test
    void rotationKeepsOldTokensValidOnlyWhileTheOldSecretIsListed() {
        LoginTokens old = tokens(Token.secret(SECRET_A));
        String token = old.issue("alice", Set.of("admin"), Instant.now());
        assertThat(tokens(Token.secret(SECRET_B, SECRET_A)).verify(token)).isPresent();
        assertThat(tokens(Token.secret(SECRET_B)).verify(token)).isEmpty();
    }

    @Test
    void expiredAndForeignIssuerTokensAreRefused() {
        LoginTokens tokens = tokens(Token.secret(SECRET_A));
        assertThat(tokens.verify(tokens.issue("alice", Set.of("admin"), Instant.now().minusSeconds(7300)))).isEmpty();
        LoginTokens other = new LoginTokens(SigningKeys.load(Token.secret(SECRET_A), false, new ArrayList<>()),
                Duration.ofHours(2), "someone-else");
        assertThat(tokens.verify(other.issue("alice", Set.of("admin"), Instant.now()))).isEmpty();
        assertThat(tokens.verify(tokens.issue("alice", Set.of("admin"), Instant.now())))
                .hasValueSatisfying(v -> assertThat(v.subject()).isEqualTo("alice"));
    }

    @Test
    void aPemKeyPairSignsRs256Tokens(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        java.security.KeyPair pair = gen.generateKeyPair();
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder();
        java.nio.file.Path pem = dir.resolve("token-key.pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + b64.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Token cfg = new Token(Optional.empty(), Optional.empty(), Optional.of(pem.toString()), Optional.empty(),
                Duration.ofHours(2), "iss");
        LoginTokens tokens = tokens(cfg);
        String token = tokens.issue("alice", Set.of("viewer"), Instant.now());
        assertThat(token).startsWith("eyJhbGciOiJSUzI1NiI"); // {"alg":"RS256"
        assertThat(tokens.verify(token)).isPresent();
        // only the configured algorithm is accepted: an HS256 token is refused by the RS256 verifier
        assertThat(tokens.verify(tokens(Token.secret(SECRET_A)).issue("alice", Set.of("admin"), Instant.now())))
                .isEmpty();
        List<String> errors = new ArrayList<>();
        java.nio.file.Files.writeString(pem, "not a key");
        assertThat(SigningKeys.load(cfg, false, errors)).isNull();
        assertThat(errors).singleElement().asString().startsWith("fleet.security.token.key-file:");
    }

    static LoginTokens tokens(Token cfg) {
        List<String> errors = new ArrayList<>();
        SigningKeys keys = SigningKeys.load(cfg, false, errors);
        assertThat(errors).isEmpty();
        return new LoginTokens(keys, cfg.lifetime(), cfg.issuer());
    }
}
