package io.higress.fleet.security.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonNodeRedactorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void replacesWholeSubtreesAndLeavesTheInputUntouched() throws Exception {
        JsonNode input = mapper.readTree("""
                {"provider":{"type":"openai","apiTokens":["sk-1","sk-2"],"timeout":1200},
                 "consumers":[{"name":"a","credentials":{"key":"k"}},{"name":"b","token":null}],
                 "password_policy":"strong"}""");
        String before = input.toString();

        JsonNode out = new JsonNodeRedactor().redact(input);

        assertThat(out.at("/provider/apiTokens").toString()).isEqualTo("[\"[redacted]\"]");
        assertThat(out.at("/provider/timeout").asInt()).isEqualTo(1200);
        assertThat(out.at("/consumers/0/credentials").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/consumers/1/token").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/consumers/0/name").asText()).isEqualTo("a");
        assertThat(out.at("/password_policy").asText()).isEqualTo("strong");
        assertThat(input.toString()).isEqualTo(before);
    }

    @Test
    void stringsHoldingJsonAreRedactedInsideAndFailClosedWhenTheyCannotBeChecked() throws Exception {
        JsonNodeRedactor redactor = new JsonNodeRedactor();
        String deep = "[".repeat(JsonNodeRedactor.MAX_EMBEDDED_DEPTH + 1) + "]".repeat(JsonNodeRedactor.MAX_EMBEDDED_DEPTH + 1);
        String large = "{\"a\":\"" + "x".repeat(JsonNodeRedactor.MAX_EMBEDDED_LENGTH) + "\"}";
        JsonNode input = mapper.valueToTree(java.util.Map.of(
                "inner", "{\"jwks\":\"{\\\"keys\\\":[{\\\"k\\\":\\\"c2VjcmV0\\\"}]}\",\"name\":\"a\"}",
                "plain", "{\"name\":\"a\"}",
                "twoDocuments", "{\"name\":\"a\"} {\"api_key\":\"sk-1\"}",
                "unparsable", "{\"api_key\": sk-1}",
                "duplicates", "{\"name\":\"a\",\"name\":\"b\"}",
                "deep", deep,
                "large", large,
                "regexLike", "[a-z]+",
                "placeholder", "[redacted]"));

        JsonNode out = redactor.redact(input);

        assertThat(mapper.readTree(out.get("inner").asText()).get("jwks").asText()).isEqualTo("[redacted]");
        assertThat(mapper.readTree(out.get("inner").asText()).get("name").asText()).isEqualTo("a");
        assertThat(out.get("plain").asText()).isEqualTo("{\"name\":\"a\"}");
        for (String closed : new String[] {"twoDocuments", "unparsable", "duplicates", "deep", "large"}) {
            assertThat(out.get(closed).asText()).as(closed).isEqualTo("[redacted]");
        }
        assertThat(out.get("regexLike").asText()).isEqualTo("[a-z]+");
        assertThat(out.get("placeholder").asText()).isEqualTo("[redacted]");
        // admins: no keys, nothing parsed, nothing replaced
        assertThat(new JsonNodeRedactor(SecretKeyMatcher.none()).redact(input)).isEqualTo(input);
    }

    /** What a write's body holds decides whether its plan compares secrets: keys at any depth, in arrays too. */
    @Test
    void holdsSecretFindsSecretKeysAtAnyDepthOnly() throws Exception {
        Redaction redaction = Redaction.defaults();
        assertThat(redaction.holdsSecret(mapper.readTree(
                "{\"config\": {\"services\": [{\"provider\": \"openai\", \"api_tokens\": [\"sk\"]}]}}"))).isTrue();
        assertThat(redaction.holdsSecret(mapper.readTree("[{\"a\": 1}, {\"b\": {\"apiKey\": \"x\"}}]"))).isTrue();
        // a secret-looking value under an ordinary key is not a secret key
        assertThat(redaction.holdsSecret(mapper.readTree("{\"enabled\": true, \"note\": \"password\"}"))).isFalse();
        assertThat(redaction.holdsSecret(null)).isFalse();
    }
}
