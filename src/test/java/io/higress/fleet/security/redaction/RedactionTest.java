package io.higress.fleet.security.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = Redaction.defaults();

    @Test
    void messagesLoseTheValuesOfSecretKeys() {
        assertThat(redaction.redact("WasmPlugin.extensions.higress.io \"p\" is invalid: "
                + "spec.defaultConfig.api_tokens: Invalid value: \"sk-live-1\": must be a list"))
                .doesNotContain("sk-live-1").contains("api_tokens: Invalid value: \"[redacted]\": must be a list");
        assertThat(redaction.redact("body {\"name\":\"a\",\"apiTokens\":[\"sk-1\",\"sk-2\"],\"type\":\"openai\"}"))
                .isEqualTo("body {\"name\":\"a\",\"apiTokens\":[\"[redacted]\"],\"type\":\"openai\"}");
        assertThat(redaction.redact("config \"{\\\"client_secret\\\":\\\"s3cr3t\\\",\\\"x\\\":1}\""))
                .doesNotContain("s3cr3t").contains("client_secret\\\":\\\"[redacted]\\\"");
        assertThat(redaction.redact("password=hunter2&user=bob")).isEqualTo("password=[redacted]&user=bob");
        assertThat(redaction.redact("sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"))
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9");
        assertThat(redaction.redact("cluster prod: connection refused")).isEqualTo("cluster prod: connection refused");
        assertThat(redaction.redact((String) null)).isNull();
    }

    @Test
    void adminsSeeEverythingAsItIs() throws Exception {
        var node = new ObjectMapper().readTree("{\"api_key\":\"sk-1\"}");
        assertThat(redaction.forCaller(node, true)).isSameAs(node);
        assertThat(redaction.forCaller(node, false).get("api_key").asText()).isEqualTo("[redacted]");
        assertThat(redaction.forCaller("password=x", true)).isEqualTo("password=x");
    }

    @Test
    void aRouteMatchOnASecretHeaderOrParameterHidesItsValueFromViewers() throws Exception {
        var match = new ObjectMapper().readTree("""
                {"prefix": "/", "headers": [
                   {"name": "x-api-key", "string_match": {"exact": "sk-live-1"}, "invert_match": false},
                   {"name": ":authority", "string_match": {"exact": "api.example.com"}}],
                 "query_parameters": [{"name": "token", "string_match": {"safe_regex": {"regex": "abc.*"}}}]}""");
        var viewer = redaction.matchForCaller(match, false);
        assertThat(viewer.toString()).doesNotContain("sk-live-1").doesNotContain("abc.*");
        assertThat(viewer.at("/headers/0/string_match/exact").asText()).isEqualTo("[redacted]");
        assertThat(viewer.at("/headers/0/invert_match").asBoolean(true)).isFalse();
        assertThat(viewer.at("/headers/1/string_match/exact").asText()).isEqualTo("api.example.com");
        assertThat(viewer.at("/query_parameters/0/string_match/safe_regex/regex").asText()).isEqualTo("[redacted]");
        assertThat(viewer.at("/prefix").asText()).isEqualTo("/");
        assertThat(match.at("/headers/0/string_match/exact").asText()).isEqualTo("sk-live-1");
        assertThat(redaction.matchForCaller(match, true)).isSameAs(match);
    }
}
