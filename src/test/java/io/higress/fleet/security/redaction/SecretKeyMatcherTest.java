package io.higress.fleet.security.redaction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretKeyMatcherTest {

    private final SecretKeyMatcher matcher = SecretKeyMatcher.defaults();

    @Test
    void matchesSpellingVariantsOfDefaultKeys() {
        assertThat(List.of("api_tokens", "apiTokens", "API-TOKENS", "apitokens", "Password", "accessKey", "access-key",
                "secretKey", "SECRET_KEY", "privateKey", "Authorization", "credentials", "token", "secret"))
                .allMatch(matcher::isSecret);
    }

    @Test
    void matchesWholeKeysOnly() {
        assertThat(List.of("authorization_request", "tokens_per_minute", "secret_name", "sds_config", "token_uri",
                "name", "passwords_file", "call_credentials", ""))
                .noneMatch(matcher::isSecret);
        assertThat(matcher.isSecret(null)).isFalse();
    }

    /** The byte form the config_dump scanner asks gives the String form's verdict, for every spelling. */
    @Test
    void namesGivenAsBytesGetTheSameVerdict() {
        List<String> names = new java.util.ArrayList<>(SecretKeyMatcher.DEFAULT_KEYS);
        names.addAll(List.of("apiTokens", "API-TOKENS", "_pass_word_", "Pass-Word", "passwords", "pass", "", "-", "_",
                "tokenX", "xToken", "nAcOs_PaSsWoRd", "sds_config", "na\u00efve", "Pässword", "İd", "dsn", "DSN-"));
        for (SecretKeyMatcher keys : List.of(matcher, new SecretKeyMatcher("x-api-key", "id"), SecretKeyMatcher.none())) {
            for (String name : names) {
                byte[] utf8 = ("\"" + name + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(keys.isSecret(utf8, 1, utf8.length - 2)).as(name).isEqualTo(keys.isSecret(name));
            }
        }
        assertThat(new SecretKeyMatcher("id").isSecret("İd".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 3))
                .as("a non-ASCII name is normalised as a String").isTrue();
    }

    @Test
    void customListReplacesDefaults() {
        SecretKeyMatcher custom = new SecretKeyMatcher(List.of("x-api-key"));
        assertThat(custom.isSecret("xApiKey")).isTrue();
        assertThat(custom.isSecret("X_API_KEY")).isTrue();
        assertThat(custom.isSecret("password")).isFalse();
    }

    /** The secret fields of Higress's built-in plugins (their READMEs), in the spellings the plugins use. */
    @Test
    void defaultsCoverTheBuiltInPluginsSecretFields() {
        assertThat(List.of("credential", "credentials", "client_secret", "cookie_secret", "apiKey", "api_key",
                "x-api-key", "X-API-KEY", "bearer", "jwt_secret", "jwks", "passwd", "accessKey", "secretKey", "cookie",
                "awsAccessKey", "awsSecretKey", "hunyuanAuthKey", "vertexAuthKey", "llmApiKey", "proxyApiKey",
                "esPassword", "apiSecret", "textinSecretCode", "access_token", "refresh_token"))
                .allMatch(matcher::isSecret);
        assertThat(List.of("keys", "global_credentials", "cookie_name", "in_header", "consumers", "allow"))
                .noneMatch(matcher::isSecret);
    }
}
