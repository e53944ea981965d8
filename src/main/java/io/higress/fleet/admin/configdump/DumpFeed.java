package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.higress.fleet.admin.parse.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Incremental reading of one config_dump with Jackson's non-blocking parser: each chunk is turned into tokens for
 * the {@link DumpTokens} before {@link #feed} returns, so only the current chunk is held.
 */
public final class DumpFeed<T> {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();

    private final DumpTokens<T> tokens;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;

    public DumpFeed(DumpTokens<T> tokens) {
        this.tokens = tokens;
        try {
            parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Blocking: the whole stream through {@code tokens}. */
    public static <T> T read(InputStream in, DumpTokens<T> tokens) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens.accept(token, parser);
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        return tokens.build();
    }

    public void feed(byte[] chunk, int offset, int len) {
        try {
            feeder.feedInput(chunk, offset, offset + len);
            drain();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    public T finish() {
        try {
            feeder.endOfInput();
            drain();
            parser.close();
        } catch (IOException e) {
            throw malformed(e);
        }
        return tokens.build();
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            tokens.accept(token, parser);
        }
    }

    private static MalformedConfigDumpException malformed(IOException e) {
        return new MalformedConfigDumpException("config_dump: " + JsonErrors.describe(e), e);
    }
}
