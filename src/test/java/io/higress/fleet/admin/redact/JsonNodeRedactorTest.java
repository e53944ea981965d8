package io.higress.fleet.admin.redact;

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

        assertThat(out.at("/provider/apiTokens").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/provider/timeout").asInt()).isEqualTo(1200);
        assertThat(out.at("/consumers/0/credentials").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/consumers/1/token").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/consumers/0/name").asText()).isEqualTo("a");
        assertThat(out.at("/password_policy").asText()).isEqualTo("strong");
        assertThat(input.toString()).isEqualTo(before);
    }
}
