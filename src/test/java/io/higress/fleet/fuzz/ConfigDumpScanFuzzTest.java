package io.higress.fleet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.redact.ConfigDumpRedactor;
import io.higress.fleet.admin.redact.RedactionException;
import io.higress.fleet.admin.redact.RedactionSession;
import io.higress.fleet.security.redaction.JsonNodeRedactor;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The config_dump scanner against Jackson, the parser it replaced: fed in chunks of any size, it accepts exactly the
 * JSON documents Jackson accepts (in well-formed UTF-8; the inputs stay far below the length limits, which the
 * scanner counts in raw bytes and Jackson counted in characters), its output is compact and is the input's tree with the
 * secrets redacted as the tree redactor redacts them; whatever it refuses, it refuses with a RedactionException and
 * leaves output that closes into valid JSON.
 */
class ConfigDumpScanFuzzTest {

    /** Doubles, not BigDecimals: 9E999999999 is valid JSON that no BigDecimal holds (numbers are copied as text). */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ConfigDumpRedactor VIEWER = new ConfigDumpRedactor(SecretKeyMatcher.defaults());
    private static final ConfigDumpRedactor ADMIN = new ConfigDumpRedactor(SecretKeyMatcher.none());
    /**
     * A {@code \\u} escape of a UTF-16 surrogate: JSON's grammar allows it anywhere (the scanner copies escapes as
     * they are), while Jackson refuses an unpaired one in a field name, so such inputs are only run, not judged.
     */
    private static final Pattern SURROGATE_ESCAPE = Pattern.compile("\\\\u[dD][89a-fA-F]");
    private static final JsonNodeRedactor TREE = new JsonNodeRedactor(SecretKeyMatcher.defaults());

    @FuzzTest(maxDuration = "10s")
    void scansWhatJacksonParses(FuzzedDataProvider data) throws Exception {
        boolean admin = data.consumeBoolean();
        int chunk = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();

        JsonNode expected = jackson(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionSession session = (admin ? ADMIN : VIEWER).open(out);
        try {
            for (int off = 0; off < input.length; off += chunk) {
                session.feed(input, off, Math.min(chunk, input.length - off));
            }
            session.finish();
        } catch (RedactionException refused) {
            if (SURROGATE_ESCAPE.matcher(new String(input, StandardCharsets.ISO_8859_1)).find()) {
                return; // see SURROGATE_ESCAPE: Jackson cannot be the judge
            }
            if (expected != null) {
                fail("refused what Jackson parses: " + refused.getMessage());
            }
            session.closeOpenStructures();
            if (out.size() > 0) {
                STRICT.readTree(out.toByteArray()); // the part written closes into valid JSON
            }
            return;
        }
        if (SURROGATE_ESCAPE.matcher(new String(input, StandardCharsets.ISO_8859_1)).find()) {
            return;
        }
        assertThat(expected).as("accepted what Jackson refuses").isNotNull();
        byte[] written = out.toByteArray();
        for (byte b : written) {
            assertThat(b).as("compact output: no raw line breaks or tabs").isNotIn((byte) '\n', (byte) '\r', (byte) '\t');
        }
        assertThat(STRICT.readTree(written)).isEqualTo(admin ? expected : TREE.redact(expected));
    }

    /**
     * The document Jackson reads, or null when it refuses it or the bytes are not well-formed UTF-8 or hold a NUL
     * (Jackson's blocking parser takes a NUL byte as the end of the input; in JSON it is never valid).
     */
    private static JsonNode jackson(byte[] input) {
        for (byte b : input) {
            if (b == 0) {
                return null;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input));
            JsonNode tree = STRICT.readTree(input);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (CharacterCodingException e) {
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
