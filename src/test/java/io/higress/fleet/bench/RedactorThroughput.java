package io.higress.fleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.admin.Fixtures;
import io.higress.fleet.admin.redact.ConfigDumpRedactor;
import io.higress.fleet.admin.redact.RedactionSession;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import java.io.OutputStream;

/**
 * Single-threaded throughput of the config_dump redactor alone: a ~2 MB pretty-printed dump (real Envoy fixtures,
 * repeated), fed in 8 KiB chunks as Vert.x delivers them. Prints MB/s; not a test. Run with the test classpath;
 * arguments: rounds, then {@code admin} for the redactor without keys.
 */
public final class RedactorThroughput {

    private static final int CHUNK = 8 * 1024;

    public static void main(String[] args) throws Exception {
        byte[] dump = prettyDump(2 * 1024 * 1024);
        boolean admin = args.length > 1 && args[1].equals("admin");
        ConfigDumpRedactor redactor = admin ? new ConfigDumpRedactor(SecretKeyMatcher.none()) : new ConfigDumpRedactor();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        run(redactor, dump, rounds / 3); // warm-up
        long start = System.nanoTime();
        long bytes = run(redactor, dump, rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf((admin ? "admin " : "") + "redactor: %d rounds of %.2f MB in %.2f s = %.1f MB/s%n", rounds, dump.length / 1e6, seconds,
                bytes / 1e6 / seconds);
    }

    private static long run(ConfigDumpRedactor redactor, byte[] dump, int rounds) {
        long total = 0;
        for (int r = 0; r < rounds; r++) {
            RedactionSession session = redactor.open(OutputStream.nullOutputStream());
            for (int off = 0; off < dump.length; off += CHUNK) {
                session.feed(dump, off, Math.min(CHUNK, dump.length - off));
            }
            session.finish();
            total += session.bytesIn();
        }
        return total;
    }

    static byte[] prettyDump(int minBytes) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode fixtureConfigs = (ArrayNode) mapper.readTree(
                Fixtures.envoyBytes("istio-echo-envoy-1.13-large.config_dump.json")).get("configs");
        ArrayNode aiProxy = (ArrayNode) mapper.readTree(
                Fixtures.envoyBytes("higress-hgctl-in.all.config_dump.json")).get("configs");
        ObjectNode root = mapper.createObjectNode();
        ArrayNode configs = root.putArray("configs");
        while (mapper.writeValueAsBytes(root).length < minBytes) {
            configs.addAll(fixtureConfigs).addAll(aiProxy);
        }
        return mapper.writeValueAsBytes(root);
    }
}
