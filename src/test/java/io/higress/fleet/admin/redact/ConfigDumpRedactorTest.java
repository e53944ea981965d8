package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.security.redaction.JsonNodeRedactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigDumpRedactorTest {

    /** A secret key of the default list (any case, with or without _ or -), quoted or escaped-quoted, and what follows. */
    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile(
            "\\\\?\"((?i)api[_-]?tokens|password|secret|token|private[_-]?key|access[_-]?key|secret[_-]?key"
                    + "|authorization|credentials)\\\\?\":(.{0,14})");

    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ConfigDumpRedactor redactor = new ConfigDumpRedactor();

    static final String AI_PROXY_DUMP = """
            {"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.EcdsConfigDump","ecds_filters":[{
              "version_info":"1","ecds_filter":{"@type":"type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig",
              "name":"higress-system.ai-proxy","typed_config":{
                "@type":"type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
                "config":{"name":"higress-system.ai-proxy","configuration":{
                  "@type":"type.googleapis.com/udpa.type.v1.TypedStruct","type_url":"type.googleapis.com/google.protobuf.Struct",
                  "value":{"provider":{"type":"openai","api_tokens":["sk-xxx"],"timeout":1.50},
                           "_rules_":[{"_match_route_":["r1"],"apiTokens":["sk-yyy"]}]}}}},
              "string_config":{"@type":"type.googleapis.com/google.protobuf.StringValue",
                "value":"{\\"provider\\":{\\"type\\":\\"qwen\\",\\"api_tokens\\":[\\"sk-zzz\\"]}}"},
              "access_log_format":"{\\"start\\":\\"%START_TIME%\\"}",
              "big":12345678901234567890123,"precise":0.1000000000000000055511151231257827}}]}]}""";

    private String redact(String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.redact(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aiProxyTokensAreRedactedInStructAndEmbeddedJson() throws Exception {
        String out = redact(AI_PROXY_DUMP);
        JsonNode tree = EXACT.readTree(out);
        JsonNode filter = tree.at("/configs/0/ecds_filters/0/ecds_filter");

        assertThat(out).doesNotContain("sk-xxx", "sk-yyy", "sk-zzz");
        JsonNode value = filter.at("/typed_config/config/configuration/value");
        // a redacted array stays an array: a viewer's body keeps the schema
        assertThat(value.at("/provider/api_tokens").toString()).isEqualTo("[\"[redacted]\"]");
        assertThat(value.at("/_rules_/0/apiTokens").toString()).isEqualTo("[\"[redacted]\"]");
        assertThat(value.at("/provider/type").asText()).isEqualTo("openai");
        JsonNode embedded = EXACT.readTree(filter.at("/string_config/value").asText());
        assertThat(embedded.at("/provider/api_tokens").toString()).isEqualTo("[\"[redacted]\"]");
        assertThat(embedded.at("/provider/type").asText()).isEqualTo("qwen");
        // strings without secrets keep their exact text; numbers keep their exact text
        assertThat(filter.at("/access_log_format").asText()).isEqualTo("{\"start\":\"%START_TIME%\"}");
        assertThat(out).contains("\"timeout\":1.50", "12345678901234567890123", "0.1000000000000000055511151231257827");
    }

    /** A StringValue plugin configuration that cannot be checked is hidden whole; admins' dumps keep it. */
    @Test
    void embeddedJsonThatCannotBeCheckedFailsClosed() throws Exception {
        String dump = "{\"configs\":[{\"two\":\"{\\\"a\\\":1} {\\\"api_key\\\":\\\"sk-9\\\"}\","
                + "\"broken\":\"{\\\"api_key\\\": sk-8}\",\"fine\":\"{\\\"a\\\":1}\"}]}";
        JsonNode out = EXACT.readTree(redact(dump));
        assertThat(out.at("/configs/0/two").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/configs/0/broken").asText()).isEqualTo("[redacted]");
        assertThat(out.at("/configs/0/fine").asText()).isEqualTo("{\"a\":1}");
        ByteArrayOutputStream admin = new ByteArrayOutputStream();
        new ConfigDumpRedactor(io.higress.fleet.security.redaction.SecretKeyMatcher.none())
                .redact(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)), admin);
        assertThat(admin.toString(StandardCharsets.UTF_8)).contains("sk-9", "sk-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"higress-hgctl-in.all.config_dump.json", "wg-ai-gateway-envoy-1.37.config_dump.json",
            "istio-istioctl-proxyconfig.config_dump.json", "istio-echo-envoy-1.13-large.config_dump.json"})
    void fixtureDumpsPassThroughEqualExceptRedactedKeys(String fixture) throws Exception {
        byte[] input = Fixtures.envoyBytes(fixture);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = redactor.redact(new ByteArrayInputStream(input), out);

        assertThat(session.isComplete()).isTrue();
        JsonNode expected = new JsonNodeRedactor().redact(EXACT.readTree(input));
        assertThat(EXACT.readTree(out.toByteArray())).isEqualTo(expected);
        // an oracle independent of SecretKeyMatcher: every secret-looking key left in the output, also inside
        // JSON embedded in strings (escaped quotes), has the value "[redacted]"
        java.util.regex.Matcher keys = SECRET_KEY.matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        int found = 0;
        while (keys.find()) {
            found++;
            assertThat(keys.group(2)).as("value after %s", keys.group(1)).matches("\\[?\\\\?\"\\[redacted\\]\\\\?\".*");
        }
        assertThat(found).as("the oracle sees the keys the redactor replaced").isGreaterThanOrEqualTo(
                Math.min(1, session.redactedCount()));
        if (fixture.startsWith("istio-istioctl")) {
            // Envoy printed these secrets already redacted; the whole "secret" objects are replaced
            assertThat(session.redactedCount()).isEqualTo(2);
            assertThat(expected.at("/configs/6/dynamic_active_secrets/0/secret").asText()).isEqualTo("[redacted]");
        }
    }

    /** Field-name verdicts are remembered by their bytes: names that share length, ends or slots keep their own. */
    @Test
    void rememberedNameVerdictsNeverMixUpNames() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            names.add(String.format("name_%04d", i));
            names.add(String.format("a_%07d_long_field_name_%d", i, i % 7));
        }
        names.addAll(java.util.List.of("api_tokens", "api_tokenz", "apiTokens", "api-tokens", "passwordpassword1",
                "passwordpassword", "cookie_secret", "cookie_secreT", "cookie_secrets", "x".repeat(64), "x".repeat(65),
                "token", "tokeN", "tokens", "@type", "a", ""));
        java.util.Collections.shuffle(names, new java.util.Random(7));
        StringBuilder dump = new StringBuilder("{\"configs\":[");
        for (int round = 0; round < 3; round++) {
            for (String name : names) {
                dump.append("{\"").append(name).append("\":\"v-").append(name).append("\"},");
            }
        }
        dump.setLength(dump.length() - 1);
        dump.append("]}");
        JsonNode expected = new JsonNodeRedactor().redact(EXACT.readTree(dump.toString()));
        assertThat(EXACT.readTree(redact(dump.toString()))).isEqualTo(expected);
        assertThat(expected.toString()).contains("\"api_tokenz\":\"v-api_tokenz\"", "\"api-tokens\":\"[redacted]\"");
    }

    /** From the second reader's review of the scanner: the edges where it differed from the tokenizer before it. */
    @Test
    void limitsByteOrderMarksAndFailuresBehaveAsTheTokenizerDid() throws Exception {
        String name = "n".repeat(50_000);
        assertThat(redact("{\"" + name + "\":1}")).as("a 50,000-byte name").startsWith("{\"nnn");
        String longNumbers = "[-" + "1".repeat(1000) + ",1." + "2".repeat(997) + "e+5]";
        assertThat(redact(longNumbers)).isEqualTo(longNumbers);
        assertThatThrownBy(() -> redact("[" + "1".repeat(1001) + "]")).hasMessageContaining("more than 1000 digits");
        assertThat(redact("\uFEFF{}")).isEqualTo("{}");
        byte[] spacedBom = {(byte) 0xEF, '\n', (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThatThrownBy(() -> redactor.redact(new ByteArrayInputStream(spacedBom), new ByteArrayOutputStream()))
                .hasMessageContaining("byte order mark");

        // a secret key followed by no value: nothing is written for it, nothing is counted
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = redactor.open(out);
        assertThatThrownBy(() -> session.feed("{\"password\": x}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("expected a value, found 'x'");
        session.closeOpenStructures();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"password\":null}");
        assertThat(session.redactedCount()).isZero();

        // an error names only bytes of the caller's slice, never the bytes around it
        RedactionSession slice = redactor.open(new ByteArrayOutputStream());
        slice.feed("{\"a\":1.".getBytes(StandardCharsets.UTF_8));
        byte[] shared = "OTHER-REQUEST-SECRET-Xx}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> slice.feed(shared, 22, 2)).hasMessageContaining("found 'x'")
                .hasMessageNotContaining("'X'").hasMessageContaining("at byte 7");
    }

    /** Found by ConfigDumpScanFuzzTest: a redacted multi-line string whose escapes decode to a lone surrogate. */
    @Test
    void aRedactedStringKeepsAnUnpairedSurrogateAsItsEscape() throws Exception {
        String out = redact("{\"v\":\"a\\udfff\\npassword: hunter2\\n\"}");
        assertThat(out).isEqualTo("{\"v\":\"a\\udfff\\npassword: [redacted]\\n\"}");
        assertThat(EXACT.readTree(out).get("v").asText()).isEqualTo("a\udfff\npassword: [redacted]\n");
    }

    @Test
    void feedingOneByteAtATimeGivesTheSameBytes() throws Exception {
        byte[] input = Fixtures.envoyBytes("higress-hgctl-in.all.config_dump.json");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        redactor.redact(new ByteArrayInputStream(input), whole);

        ByteArrayOutputStream piecewise = new ByteArrayOutputStream();
        RedactionSession session = redactor.open(piecewise);
        byte[] reused = new byte[1];
        int flushedMidway = -1;
        for (int i = 0; i < input.length; i++) {
            reused[0] = input[i];
            session.feed(reused, 0, 1);
            if (i == input.length / 2) {
                flushedMidway = piecewise.size();
            }
        }
        session.finish();

        assertThat(piecewise.toByteArray()).isEqualTo(whole.toByteArray());
        assertThat(flushedMidway).as("output is written as input arrives").isGreaterThan(whole.size() / 4);
    }

    @Test
    void tokensAreCopiedByteForByteWhateverTheChunkBoundaries() {
        String input = """
                {
                  "a\\u00e9" : [ "x\\/y" , 1.50, -0 ,1E+3,
                    true, false, null ],
                  "token" : { "nested" : [ 1, {"deep": "sk-1"} ] },
                  "v": "{\\"password\\":\\"sk-2\\"}",	"n" : {}
                }
                """;
        String expected = "{\"a\\u00e9\":[\"x\\/y\",1.50,-0,1E+3,true,false,null],\"token\":\"[redacted]\","
                + "\"v\":\"{\\\"password\\\":\\\"[redacted]\\\"}\",\"n\":{}}";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RedactionSession session = redactor.open(out);
            for (int off = 0; off < bytes.length; off += size) {
                byte[] chunk = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + size));
                session.feed(chunk, 0, chunk.length);
                Arrays.fill(chunk, (byte) 'x'); // the caller may reuse its array once feed returns
            }
            session.finish();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("chunks of %d bytes", size).isEqualTo(expected);
            assertThat(session.redactedCount()).isEqualTo(2);
        }
    }

    @Test
    void truncatedDumpFailsCleanlyAndCanBeClosedIntoValidJson() throws Exception {
        byte[] input = Fixtures.envoyBytes("istio-istioctl-proxyconfig.config_dump.json");
        byte[] truncated = Arrays.copyOf(input, input.length / 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = redactor.open(out);
        session.feed(truncated, 0, truncated.length);

        assertThatThrownBy(session::finish).isInstanceOf(RedactionException.class).hasMessageContaining("invalid config_dump");
        assertThat(session.state()).isEqualTo(RedactionSession.State.FAILED);
        assertThatThrownBy(() -> EXACT.readTree(out.toByteArray())).as("partial output is incomplete JSON")
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> session.feed(new byte[] {'x'})).isInstanceOf(IllegalStateException.class);

        session.closeOpenStructures();
        JsonNode partial = EXACT.readTree(out.toByteArray());
        assertThat(partial.at("/configs/0/@type").asText()).endsWith("BootstrapConfigDump");
    }

    @Test
    void everyTruncationClosesIntoValidJson() throws Exception {
        byte[] input = ("{\"configs\": [ {\"a\" : 1, \"b\": [true, \"x\"], \"token\": {\"k\": [1]}, \"c\": -2.5},"
                + " {\"secret\": \"s\", \"d\": {}} ]}").getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < input.length - 1; cut++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RedactionSession session = redactor.open(out);
            session.feed(input, 0, cut);
            assertThatThrownBy(session::finish).isInstanceOf(RedactionException.class);
            session.closeOpenStructures();
            String closed = out.toString(StandardCharsets.UTF_8);
            assertThat(closed).as("cut at %d", cut).doesNotContain("\"s\"", "[1]");
            if (!closed.isEmpty()) {
                assertThat(EXACT.readTree(closed)).as("cut at %d: %s", cut, closed).isNotNull();
            }
        }
    }

    @Test
    void invalidJsonFailsAtTheChunkThatBreaksIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = redactor.open(out);
        session.feed("{\"configs\":[{\"a\":1},".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> session.feed("}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RedactionException.class)
                .satisfies(e -> assertThat(((RedactionException) e).inputOffset()).isGreaterThan(15));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"configs\":[{\"a\":1}");
        session.closeOpenStructures();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"configs\":[{\"a\":1}]}");
    }

    @Test
    void pendingFieldNameIsClosedWithNullAndTrailingContentOrEmptyInputIsRejected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = redactor.open(out);
        session.feed("{\"configs\":[{\"name\":".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(session::finish).isInstanceOf(RedactionException.class);
        session.closeOpenStructures();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"configs\":[{\"name\":null}]}");

        assertThatThrownBy(() -> redact("{} {}")).isInstanceOf(RedactionException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> redact("")).isInstanceOf(RedactionException.class).hasMessageContaining("empty");
    }
}
