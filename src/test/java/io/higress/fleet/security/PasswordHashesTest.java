package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    @Test
    void bcryptInEveryPrefixVerifiesOnlyItsPassword() {
        String a = PasswordHashes.bcrypt("s3cret", 4);
        assertThat(a).startsWith("$2a$04$");
        for (String prefix : new String[] {"$2a$", "$2b$", "$2y$"}) {
            String h = prefix + a.substring(4);
            assertThat(PasswordHashes.isSupported(h)).isTrue();
            assertThat(PasswordHashes.matches("s3cret", h)).as(prefix).isTrue();
            assertThat(PasswordHashes.matches("s3cret!", h)).as(prefix).isFalse();
        }
    }

    @Test
    void pbkdf2FormatRoundTrips() {
        String h = PasswordHashes.pbkdf2("s3cret", 1000);
        assertThat(h).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");
        assertThat(PasswordHashes.isSupported(h)).isTrue();
        assertThat(PasswordHashes.matches("s3cret", h)).isTrue();
        assertThat(PasswordHashes.matches("S3cret", h)).isFalse();
    }

    @Test
    void malformedHashesAreRefusedNotThrown() {
        for (String h : new String[] {"", "plain", "$2a$04$short", "pbkdf2-sha256$10$AAAA$AAAA", "md5$x"}) {
            assertThat(PasswordHashes.isSupported(h)).as(h).isFalse();
            assertThat(PasswordHashes.matches("x", h)).as(h).isFalse();
        }
        assertThat(PasswordHashes.matches(null, PasswordHashes.bcrypt("x", 4))).isFalse();
    }

    @Test
    void passwordsPastBcryptsLimitFailInsteadOfThrowing() {
        String h = PasswordHashes.bcrypt("x", 4);
        assertThat(PasswordHashes.matches("x".repeat(100), h)).isFalse();
    }
}
