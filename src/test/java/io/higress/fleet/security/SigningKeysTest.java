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

    static LoginTokens tokens(Token cfg) {
        List<String> errors = new ArrayList<>();
        SigningKeys keys = SigningKeys.load(cfg, false, errors);
        assertThat(errors).isEmpty();
        return new LoginTokens(keys, cfg.lifetime(), cfg.issuer());
    }
}
