package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.higress.fleet.security.redaction.JsonNodeRedactor;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import io.higress.fleet.admin.parse.JsonErrors;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Redaction of one config_dump, fed chunk by chunk ({@link ConfigDumpRedactor} explains the rules and how to drive
 * it). The parser only finds the tokens: each token's input bytes are copied as they are ({@link RawSpanCopier}),
 * without the whitespace between tokens, and with the separators written here. Only secret values and redacted
 * embedded JSON are written anew. Not thread-safe; feed chunks in order.
 */
public final class RedactionSession {

    /** OPEN while fed; COMPLETE after a successful finish; FAILED after invalid or truncated input. */
    public enum State { OPEN, COMPLETE, FAILED }

    private static final byte[] REDACTED_VALUE = ("\"" + SecretKeyMatcher.REDACTED + "\"")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] REDACTED_ARRAY = ("[\"" + SecretKeyMatcher.REDACTED + "\"]")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final SecretKeyMatcher matcher;
    private final JsonNodeRedactor embedded;

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final RawSpanCopier io;
    private State state = State.OPEN;
    /** End of the last token read: input before it is never needed again. */
    private long tokenEnd;
    /** The arrays and objects open in the output, innermost at {@code depth - 1}; set bits are objects. */
    private final BitSet openObjects = new BitSet();
    private int depth;
    /** Output ends with a complete value, so the next value or field name needs a comma. */
    private boolean afterValue;
    private boolean fieldNamePending;
    private boolean skipNextValue;
    private int skipDepth;
    private boolean rootDone;
    private long bytesIn;
    private int redactedCount;

    RedactionSession(JsonFactory factory, SecretKeyMatcher matcher, JsonNodeRedactor embedded,
            OutputStream out) {
        this.matcher = matcher;
        this.embedded = embedded;
        this.io = new RawSpanCopier(out);
        try {
            this.parser = factory.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    /** Consumes {@code len} bytes from {@code chunk[offset]}, writing every complete token. */
    public void feed(byte[] chunk, int offset, int len) {
        requireOpen();
        if (len == 0) {
            return;
        }
        try {
            feeder.feedInput(chunk, offset, offset + len);
            io.accept(chunk, offset, len);
            bytesIn += len;
            drain();
            io.keepFrom(tokenEnd); // the caller may reuse chunk once we return
            io.flush();
        } catch (IOException e) {
            throw fail(JsonErrors.describe(e), e);
        }
    }

    /** Signals the end of the body; throws if the document is incomplete or has trailing content. */
    public void finish() {
        requireOpen();
        try {
            feeder.endOfInput();
            drain();
            io.flush();
        } catch (IOException e) {
            throw fail(JsonErrors.describe(e), e);
        }
        if (!rootDone) {
            throw fail(bytesIn == 0 ? "empty config_dump" : "truncated config_dump", null);
        }
        state = State.COMPLETE;
        closeParser();
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            // exact for the non-blocking UTF-8 parser (its token start offsets are not: hence tokenStart below)
            long end = parser.currentLocation().getByteOffset();
            if (skipDepth > 0) {
                skipDepth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            } else if (skipNextValue) {
                // the secret's placeholder keeps an array an array, so the schema holds
                byte[] placeholder = token == JsonToken.START_ARRAY ? REDACTED_ARRAY : REDACTED_VALUE;
                io.write(placeholder, 0, placeholder.length);
                redactedCount++;
                skipNextValue = false;
                valueDone();
                skipDepth = token.isStructStart() ? 1 : 0;
            } else {
                write(token, end);
            }
            tokenEnd = end;
        }
    }

    private void write(JsonToken token, long end) throws IOException {
        if (rootDone) {
            throw fail("trailing content after the config_dump document", null);
        }
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                separate();
                io.write(token == JsonToken.START_OBJECT ? (byte) '{' : (byte) '[');
                openObjects.set(depth++, token == JsonToken.START_OBJECT);
                afterValue = false;
                fieldNamePending = false;
            }
            case END_OBJECT, END_ARRAY -> {
                io.write(token == JsonToken.END_OBJECT ? (byte) '}' : (byte) ']');
                depth--;
                valueDone();
            }
            case FIELD_NAME -> {
                separate();
                io.copy(io.tokenStart(tokenEnd), end);
                io.write((byte) ':');
                fieldNamePending = true;
                afterValue = false;
                skipNextValue = matcher.isSecret(parser.currentName());
            }
            case VALUE_STRING -> {
                separate();
                String replaced = embedded.embedded(parser.getTextCharacters(), parser.getTextOffset(),
                        parser.getTextLength());
                if (replaced != null) {
                    writeString(replaced);
                    redactedCount++;
                } else {
                    io.copy(io.tokenStart(tokenEnd), end);
                }
                valueDone();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                if (depth > 0 && end == bytesIn && token.isNumeric()) {
                    // only at endOfInput, which ends a number unchecked ("-2."): the dump is cut short anyway
                    throw fail("truncated config_dump", null);
                }
                separate();
                io.copy(io.tokenStart(tokenEnd), end); // numbers keep their exact text
                valueDone();
            }
            default -> throw fail("unexpected token " + token, null);
        }
    }

    private void separate() throws IOException {
        if (afterValue) {
            io.write((byte) ',');
        }
    }

    private void writeString(String text) throws IOException {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        io.write((byte) '"');
        io.write(quoted, 0, quoted.length);
        io.write((byte) '"');
    }

    private void valueDone() {
        afterValue = true;
        fieldNamePending = false;
        if (depth == 0) {
            rootDone = true;
        }
    }

    /**
     * After a failure: closes every array and object still open in the output (writing {@code null} for a
     * field name still waiting for its value), so that what was written is valid, though truncated, JSON.
     * Only structures this session opened are closed.
     */
    public void closeOpenStructures() {
        if (state != State.FAILED) {
            throw new IllegalStateException("only a failed session has open structures to close, state=" + state);
        }
        try {
            if (fieldNamePending) {
                io.write(NULL, 0, NULL.length);
                fieldNamePending = false;
            }
            while (depth > 0) {
                io.write(openObjects.get(--depth) ? (byte) '}' : (byte) ']');
            }
            io.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RedactionException fail(String message, Throwable cause) {
        state = State.FAILED;
        long offset = parser.currentLocation().getByteOffset();
        closeParser();
        try {
            io.flush(); // every token written so far is complete
        } catch (IOException ignored) {
            // the output is being abandoned anyway
        }
        return new RedactionException("invalid config_dump: " + message, offset, cause);
    }

    private void closeParser() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // nothing to release beyond buffers
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("session is " + state);
        }
    }

    public State state() {
        return state;
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** How many values were replaced by {@code "[redacted]"}. */
    public int redactedCount() {
        return redactedCount;
    }
}
