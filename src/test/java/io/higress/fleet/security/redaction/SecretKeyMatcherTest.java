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
