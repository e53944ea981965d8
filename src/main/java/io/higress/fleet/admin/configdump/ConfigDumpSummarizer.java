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
 * Summarizes an Envoy {@code /config_dump} with Jackson's streaming parser: per section its {@code version_info}
 * and, per resource, name, version and canonical content hash ({@link ResourceSummary}). The document is never
 * held as a tree; memory grows only with the number of resources (one small record each).
 * <p>
 * Blocking: {@link #summarize(InputStream)}. Incremental (Vert.x buffers): {@link #open()}, then
 * {@link Feed#feed(byte[], int, int)} per chunk and {@link Feed#finish()}.
 */
public final class ConfigDumpSummarizer {

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();

    public ConfigDumpSummary summarize(InputStream in) {
        ConfigDumpSummaryBuilder builder = new ConfigDumpSummaryBuilder();
        try (JsonParser parser = factory.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                builder.accept(token, parser);
            }
        } catch (IOException e) {
            throw new MalformedConfigDumpException("config_dump: " + JsonErrors.describe(e), e);
        }
        return builder.build();
    }

    public ConfigDumpSummary summarize(byte[] json) {
        return summarize(new java.io.ByteArrayInputStream(json));
    }

    public Feed open() {
        return new Feed();
    }

    /** Incremental summarizing of one dump; each chunk is consumed before {@code feed} returns. */
    public final class Feed {
        private final JsonParser parser;
        private final ByteArrayFeeder feeder;
        private final ConfigDumpSummaryBuilder builder = new ConfigDumpSummaryBuilder();

        private Feed() {
            try {
                parser = factory.createNonBlockingByteArrayParser();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        }

        public void feed(byte[] chunk, int offset, int len) {
            try {
                feeder.feedInput(chunk, offset, offset + len);
                drain();
            } catch (IOException e) {
                throw new MalformedConfigDumpException("config_dump: " + JsonErrors.describe(e), e);
            }
        }

        public ConfigDumpSummary finish() {
            try {
                feeder.endOfInput();
                drain();
                parser.close();
            } catch (IOException e) {
                throw new MalformedConfigDumpException("config_dump: " + JsonErrors.describe(e), e);
            }
            return builder.build();
        }

        private void drain() throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                builder.accept(token, parser);
            }
        }
    }
}
