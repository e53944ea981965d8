package io.higress.fleet.admin.configdump;

import java.io.InputStream;

/**
 * Summarizes an Envoy {@code /config_dump} with Jackson's streaming parser: per section its {@code version_info}
 * and, per resource, name, version and canonical content hash ({@link ResourceSummary}). The document is never
 * held as a tree; memory grows only with the number of resources (one small record each).
 * <p>
 * Blocking: {@link #summarize(InputStream)}. Incremental (Vert.x buffers): {@link #open()}, then
 * {@link DumpFeed#feed(byte[], int, int)} per chunk and {@link DumpFeed#finish()}.
 */
public final class ConfigDumpSummarizer {

    public ConfigDumpSummary summarize(InputStream in) {
        return DumpFeed.read(in, new ConfigDumpSummaryBuilder());
    }

    public ConfigDumpSummary summarize(byte[] json) {
        return summarize(new java.io.ByteArrayInputStream(json));
    }

    public DumpFeed<ConfigDumpSummary> open() {
        return new DumpFeed<>(tokens());
    }

    /** A fresh token reader for one dump (see {@link GatewayDumps}). */
    public DumpTokens<ConfigDumpSummary> tokens() {
        return new ConfigDumpSummaryBuilder();
    }
}
