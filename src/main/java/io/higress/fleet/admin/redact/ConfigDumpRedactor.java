package io.higress.fleet.admin.redact;

import io.higress.fleet.security.redaction.JsonNodeRedactor;
import io.higress.fleet.security.redaction.SecretKeyMatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies an Envoy {@code /config_dump} as it came, checked as JSON, without the whitespace between tokens (so the
 * output is compact JSON without raw line breaks, and every token keeps its exact bytes), replacing the whole value (scalar, array or object) of every
 * field whose key is a secret key ({@link SecretKeyMatcher}, from the one redaction service) with
 * {@code "[redacted]"} ({@code ["[redacted]"]} for an array). Envoy redacts strongly
 * typed secrets itself but not {@code Struct}/{@code TypedStruct} values, where Higress Wasm plugin configurations
 * (e.g. ai-proxy's {@code api_tokens}) live. SecretsConfigDump's {@code secret} objects are replaced whole.
 * Istio/Higress hand Wasm plugin configurations to Envoy as a {@code google.protobuf.StringValue} holding JSON
 * text; such embedded JSON (a string value that looks like a JSON object or array) is parsed and redacted too, and
 * fails closed: too large, too deep, several documents or unparsable is {@code "[redacted]"} whole
 * ({@link JsonNodeRedactor#embedded}). A redactor without keys (admins) copies strings as they are.
 * <p>
 * <b>Incremental use</b> (bodies arriving as Vert.x buffers): {@link #open(OutputStream)} one
 * {@link RedactionSession} per gateway, call {@link RedactionSession#feed(byte[], int, int)} for every chunk as it
 * arrives (the chunk is fully consumed before {@code feed} returns, so the array may be reused), then
 * {@link RedactionSession#finish()} at the end of the body. Memory stays constant: only the current token is held
 * (a single huge string token is bounded by {@link #DEFAULT_MAX_STRING_LENGTH}); a redacted subtree is skipped
 * without being held. Output is flushed after every chunk.
 * <p>
 * <b>Failures</b>: invalid or truncated JSON throws {@link RedactionException}; the output then contains only
 * complete tokens but is not a complete document ({@link RedactionSession#state()} is {@code FAILED}). The caller
 * either wrote into a per-gateway segment it can discard (buffering that gateway's dump), or — when streaming
 * straight to the client — calls {@link RedactionSession#closeOpenStructures()} so that the partial output is
 * syntactically valid JSON, and then marks the item as an error (e.g. {@code "status":"error"} written after the
 * {@code data} field). A truncated dump is never silently "completed".
 */
public final class ConfigDumpRedactor {

    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 1000;
    private static final int CHUNK_SIZE = 64 * 1024;

    private final SecretKeyMatcher matcher;
    private final JsonNodeRedactor embedded;

    public ConfigDumpRedactor(SecretKeyMatcher matcher) {
        this.matcher = matcher;
        this.embedded = new JsonNodeRedactor(matcher);
    }

    public ConfigDumpRedactor() {
        this(SecretKeyMatcher.defaults());
    }

    /** A session writing UTF-8 JSON to {@code out}; the stream is flushed after each chunk but never closed. */
    public RedactionSession open(OutputStream out) {
        return new RedactionSession(matcher, embedded, MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH, out);
    }

    /** Blocking convenience: reads {@code in} in 64 KiB chunks. */
    public RedactionSession redact(InputStream in, OutputStream out) throws IOException {
        RedactionSession session = open(out);
        byte[] chunk = new byte[CHUNK_SIZE];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            session.feed(chunk, 0, n);
        }
        session.finish();
        return session;
    }
}
