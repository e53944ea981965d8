package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Redaction of one config_dump, fed chunk by chunk ({@link ConfigDumpRedactor} explains the rules and how to drive
 * it). Not thread-safe; feed chunks in order.
 */
public final class RedactionSession {

    /** OPEN while fed; COMPLETE after a successful finish; FAILED after invalid or truncated input. */
    public enum State { OPEN, COMPLETE, FAILED }

    private final SecretKeyMatcher matcher;
    private final EmbeddedJsonRedactor embedded;

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final JsonGenerator out;
    private State state = State.OPEN;
    private int skipDepth;
    private boolean skipNextValue;
    private boolean fieldNamePending;
    private int depth;
    private boolean rootDone;
    private long bytesIn;
    private int redactedCount;

    RedactionSession(JsonFactory factory, SecretKeyMatcher matcher, EmbeddedJsonRedactor embedded,
            JsonGenerator out) {
        this.matcher = matcher;
        this.embedded = embedded;
        this.out = out;
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
            bytesIn += len;
            drain();
            out.flush();
        } catch (IOException e) {
            throw fail(e.getMessage(), e);
        }
    }

    /** Signals the end of the body; throws if the document is incomplete or has trailing content. */
    public void finish() {
        requireOpen();
        try {
            feeder.endOfInput();
            drain();
            out.flush();
        } catch (IOException e) {
            throw fail(e.getMessage(), e);
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
            if (skipDepth > 0) {
                skip(token);
            } else if (skipNextValue) {
                skipNextValue = false;
                skip(token);
                if (skipDepth == 0) {
                    valueDone();
                }
            } else {
                copy(token);
            }
        }
    }

    private void skip(JsonToken token) {
        if (token.isStructStart()) {
            skipDepth++;
        } else if (token.isStructEnd()) {
            skipDepth--;
            if (skipDepth == 0) {
                valueDone();
            }
        }
    }

    private void copy(JsonToken token) throws IOException {
        if (rootDone) {
            throw fail("trailing content after the config_dump document", null);
        }
        fieldNamePending = false;
        switch (token) {
            case START_OBJECT -> {
                out.writeStartObject();
                depth++;
            }
            case START_ARRAY -> {
                out.writeStartArray();
                depth++;
            }
            case END_OBJECT -> {
                out.writeEndObject();
                depth--;
                valueDone();
            }
            case END_ARRAY -> {
                out.writeEndArray();
                depth--;
                valueDone();
            }
            case FIELD_NAME -> {
                String name = parser.currentName();
                out.writeFieldName(name);
                if (matcher.isSecret(name)) {
                    out.writeString(SecretKeyMatcher.REDACTED);
                    redactedCount++;
                    skipNextValue = true;
                } else {
                    fieldNamePending = true;
                }
            }
            case VALUE_STRING -> {
                String replaced = embedded.redactIfEmbeddedJson(parser.getTextCharacters(),
                        parser.getTextOffset(), parser.getTextLength());
                if (replaced != null) {
                    out.writeString(replaced);
                    redactedCount++;
                } else {
                    out.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
                valueDone();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                out.writeNumber(parser.getText()); // raw text: no precision loss
                valueDone();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                out.writeBoolean(token == JsonToken.VALUE_TRUE);
                valueDone();
            }
            case VALUE_NULL -> {
                out.writeNull();
                valueDone();
            }
            default -> throw fail("unexpected token " + token, null);
        }
    }

    private void valueDone() {
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
                out.writeNull();
                fieldNamePending = false;
            }
            for (int open = depth; open > 0; open--) {
                JsonStreamContext ctx = out.getOutputContext();
                if (ctx.inArray()) {
                    out.writeEndArray();
                } else {
                    out.writeEndObject();
                }
            }
            depth = 0;
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RedactionException fail(String message, Throwable cause) {
        state = State.FAILED;
        long offset = parser.currentLocation().getByteOffset();
        closeParser();
        try {
            out.flush();
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
