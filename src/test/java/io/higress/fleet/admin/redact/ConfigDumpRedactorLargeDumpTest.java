package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic 24 MB dump (far above any buffer the redactor may keep), generated and consumed chunk by chunk: heap must not grow with the dump. */
class ConfigDumpRedactorLargeDumpTest {

    private static final long TARGET_BYTES = 24L * 1024 * 1024;

    /** Checks the redacted output as it streams: parses it, counts clusters and redacted values. */
    private static final class ValidatingSink extends OutputStream {
        final JsonParser parser;
        final ByteArrayFeeder feeder;
        int clusters;
        int redactedTokens;
        boolean secretSeen;
        int depth;
        boolean complete;

        ValidatingSink() throws IOException {
            parser = new JsonFactory().createNonBlockingByteArrayParser();
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            feeder.feedInput(b, off, off + len);
            JsonToken t;
            while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd() && --depth == 0) {
                    complete = true;
                } else if (t == JsonToken.FIELD_NAME && parser.currentName().equals("cluster")) {
                    clusters++;
                } else if (t == JsonToken.VALUE_STRING) {
                    String text = parser.getText();
                    secretSeen |= text.startsWith("sk-");
                    redactedTokens += text.equals("[redacted]") ? 1 : 0;
                }
            }
        }
    }

    private static byte[] cluster(int i) {
        return ("{\"version_info\":\"v" + i + "\",\"cluster\":{\"@type\":\"type.googleapis.com/envoy.config.cluster.v3.Cluster\","
                + "\"name\":\"outbound|80||svc-" + i + ".default.svc.cluster.local\",\"type\":\"EDS\",\"connect_timeout\":\"5s\","
                + "\"metadata\":{\"filter_metadata\":{\"plugin\":{\"provider\":{\"type\":\"openai\",\"api_tokens\":[\"sk-secret-" + i
                + "\",\"sk-secret-b\"],\"model_mapping\":{\"gpt-4\":\"qwen-max\",\"*\":\"qwen-turbo\"}},\"weights\":[1,2,3,4.5]}}},"
                + "\"circuit_breakers\":{\"thresholds\":[{\"max_connections\":4294967295,\"max_requests\":4294967295}]}},"
                + "\"last_updated\":\"2025-01-01T00:00:00.000Z\"},").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLargeDumpStreamsWithConstantMemory() throws IOException {
        ValidatingSink sink = new ValidatingSink();
        RedactionSession session = new ConfigDumpRedactor().open(sink);
        long baseline = usedHeapAfterGc();

        long start = System.nanoTime();
        session.feed(("{\"configs\":[{\"@type\":\"type.googleapis.com/envoy.admin.v3.ClustersConfigDump\","
                + "\"version_info\":\"1\",\"dynamic_active_clusters\":[").getBytes(StandardCharsets.UTF_8));
        byte[] chunk = new byte[64 * 1024];
        int fill = 0;
        int clusters = 0;
        long fed = 0;
        long midwayGrowth = -1;
        long gcNanos = 0;
        while (fed < TARGET_BYTES) {
            byte[] one = cluster(clusters++);
            if (fill + one.length > chunk.length) {
                session.feed(chunk, 0, fill);
                fed += fill;
                fill = 0;
                if (midwayGrowth < 0 && fed > TARGET_BYTES / 2) {
                    long t = System.nanoTime();
                    midwayGrowth = usedHeapAfterGc() - baseline;
                    gcNanos = System.nanoTime() - t;
                }
            }
            System.arraycopy(one, 0, chunk, fill, one.length);
            fill += one.length;
        }
        chunk[fill - 1] = ' '; // drop the last comma
        session.feed(chunk, 0, fill);
        session.feed("]}]}".getBytes(StandardCharsets.UTF_8));
        session.finish();
        double seconds = (System.nanoTime() - start - gcNanos) / 1e9;
        long endGrowth = usedHeapAfterGc() - baseline;

        System.out.printf("redactor: %.1f MB in %.2f s = %.1f MB/s (incl. parsing the output again), %d clusters,"
                + " heap growth midway %d KB, at end %d KB%n", session.bytesIn() / 1e6, seconds,
                session.bytesIn() / 1e6 / seconds, clusters, midwayGrowth / 1024, endGrowth / 1024);

        assertThat(session.bytesIn()).isGreaterThan(TARGET_BYTES);
        assertThat(session.redactedCount()).isEqualTo(clusters);
        assertThat(sink.secretSeen).isFalse();
        assertThat(sink.complete).isTrue();
        assertThat(sink.clusters).isEqualTo(clusters);
        assertThat(sink.redactedTokens).isEqualTo(clusters);
        assertThat(midwayGrowth).isLessThan(8L * 1024 * 1024);
        assertThat(endGrowth).isLessThan(8L * 1024 * 1024);
    }

    /** One full collection per measurement: several in a row stall the test JVM's other event loops for seconds. */
    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
