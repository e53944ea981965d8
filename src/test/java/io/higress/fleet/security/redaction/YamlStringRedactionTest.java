package io.higress.fleet.security.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strings of several lines that are YAML (higress-config's {@code higress} key): their secret values hidden. */
class YamlStringRedactionTest {
    private final ObjectMapper mapper = new ObjectMapper();

    static final String HIGRESS = """
            mcpServer:
              redis:
                address: "redis:6379"
                password: "redis-pass"
              servers:
              - name: "orders"
                config:
                  dsn: "app:db-pass@tcp(db:3306)/orders?charset=utf8mb4"
                  dbType: "mysql"
            tracing:
              enable: false
            """;

    @Test
    void theSecretKeysValuesInAYamlStringAreHiddenAndTheRestShown() {
        JsonNode input = mapper.valueToTree(Map.of("data", Map.of("higress", HIGRESS,
                "oneLine", "dsn: shown, a single line is no document")));
        JsonNode out = new JsonNodeRedactor().redact(input);
        String yaml = out.at("/data/higress").asText();
        assertThat(yaml).doesNotContain("redis-pass").doesNotContain("db-pass")
                .contains("password: \"[redacted]\"", "dsn: \"[redacted]\"", "address: \"redis:6379\"",
                        "dbType: \"mysql\"", "enable: false");
        assertThat(out.at("/data/oneLine").asText()).isEqualTo("dsn: shown, a single line is no document");
        assertThat(new JsonNodeRedactor(SecretKeyMatcher.none()).redact(input)).as("admins").isEqualTo(input);
    }

    @Test
    void aYamlStringTooLargeToCheckIsHiddenWhole() {
        String large = "a: b\n" + "x".repeat(JsonNodeRedactor.MAX_EMBEDDED_LENGTH);
        assertThat(new JsonNodeRedactor().redact(mapper.valueToTree(Map.of("k", large))).path("k").asText())
                .isEqualTo(SecretKeyMatcher.REDACTED);
    }
}
