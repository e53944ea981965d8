package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Copies an Envoy {@code /config_dump} token by token, replacing the whole value (scalar, array or object) of every
 * field whose key is a secret key ({@link SecretKeyMatcher}) with {@code "[redacted]"}. Envoy redacts strongly
 * typed secrets itself but not {@code Struct}/{@code TypedStruct} values, where Higress Wasm plugin configurations
 * (e.g. ai-proxy's {@code api_tokens}) live. Note that SecretsConfigDump's {@code secret} objects are replaced whole.
 * Istio/Higress hand Wasm plugin configurations to Envoy as a {@code google.protobuf.StringValue} holding JSON
 * text; such embedded JSON (a string value that is a JSON object or array, up to {@link #MAX_EMBEDDED_JSON} chars)
 * is parsed and redacted too ({@link EmbeddedJsonRedactor}).
 * <p>
 * <b>Incremental use</b> (bodies arriving as Vert.x buffers): {@link #open(OutputStream)} a {@link Session} per
 * gateway, call {@link Session#feed(byte[], int, int)} for every chunk as it arrives (the chunk is fully consumed
 * before {@code feed} returns, so the array may be reused), then {@link Session#finish()} at the end of the body.
 * Memory stays constant: only the current token is held (a single huge string token is bounded by
 * {@link #DEFAULT_MAX_STRING_LENGTH}). Bytes are flushed to the output after every chunk.
 * <p>
 * <b>Failures</b>: invalid or truncated JSON throws {@link RedactionException}; the output then contains only
 * complete tokens but is not a complete document ({@link Session#state()} is {@link State#FAILED}). The caller
 * either wrote into a per-gateway segment it can discard (buffering that gateway's dump), or — when streaming
 * straight to the client — calls {@link Session#closeOpenStructures()} so the partial output is syntactically
 * valid JSON, and then marks the item as an error (e.g. {@code "status":"error"} after the {@code data} field).
 * The generator's AUTO_CLOSE_CONTENT is disabled so that a truncated dump is never silently "completed".
 */
public final class ConfigDumpRedactor {

    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 1000;
    private static final int CHUNK_SIZE = 64 * 1024;
    public static final int MAX_EMBEDDED_JSON = 1024 * 1024;

    public enum State { OPEN, COMPLETE, FAILED }

    private final SecretKeyMatcher matcher;
    private final JsonFactory factory;
    private final EmbeddedJsonRedactor embedded;

    public ConfigDumpRedactor(SecretKeyMatcher matcher) {
        this.matcher = matcher;
        this.embedded = new EmbeddedJsonRedactor(matcher, MAX_EMBEDDED_JSON);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(DEFAULT_MAX_STRING_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build())
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .build();
    }

    public ConfigDumpRedactor() {
        this(SecretKeyMatcher.defaults());
    }

    /** A session writing UTF-8 JSON to {@code out}; the stream is flushed after each chunk but never closed. */
    public Session open(OutputStream out) {
        try {
            return new Session(factory.createGenerator(out, JsonEncoding.UTF8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session writing to the caller's generator (e.g. inside a larger response document). */
    public Session open(JsonGenerator out) {
        return new Session(out);
    }

    /** Blocking convenience: reads {@code in} in 64 KiB chunks. */
    public Session redact(InputStream in, OutputStream out) throws IOException {
        Session session = open(out);
        byte[] chunk = new byte[CHUNK_SIZE];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            session.feed(chunk, 0, n);
        }
        session.finish();
        return session;
    }

    /** Redaction of one document, fed chunk by chunk. Not thread-safe; feed chunks in order. */
    public final class Session {

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

        private Session(JsonGenerator out) {
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
}
