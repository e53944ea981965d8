package io.higress.fleet.admin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.redact.ConfigDumpRedactor;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.upstream.envoy.AdminStream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.mutiny.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A dump is written as it arrives (never held whole), and a broken one still closes into valid JSON. */
class ConfigDumpStreamTest {

    static final String HEAD = "{\"configs\":[{\"@type\":\"x\",\"plugin\":{\"api_tokens\":[\"sk-1\"],\"name\":\"";

    @Test
    void eachChunkIsWrittenBeforeTheNextArrives() {
        UnicastProcessor<Buffer> body = UnicastProcessor.create();
        AssertSubscriber<Buffer> out = item(body).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        body.onNext(Buffer.buffer(HEAD));
        // the prefix and the redacted start of the dump are out while the body is still open
        assertThat(text(out)).startsWith("{\"cluster\":\"c\",\"gateway\":\"g\",\"data\":{\"configs\":[{\"@type\":\"x\"")
                .contains("\"api_tokens\":[\"[redacted]\"]").doesNotContain("sk-1");
        int before = out.getItems().size();
        body.onNext(Buffer.buffer("ab\"}}]}"));
        assertThat(out.getItems().size()).isGreaterThan(before);
        body.onComplete();

        out.assertCompleted();
        assertThat(text(out)).endsWith("\"name\":\"ab\"}}]},\"status\":\"ok\",\"durationMs\":" + durationOf(text(out)) + "}");
    }

    @Test
    void aTruncatedDumpIsClosedAndMarkedAsAnError() throws Exception {
        FleetStream.Tally tally = new FleetStream.Tally();
        String written = ConfigDumpStream.item(ok(Multi.createFrom().item(Buffer.buffer(HEAD + "ab"))),
                        new ConfigDumpRedactor(), 1 << 20, tally)
                .collect().asList().await().indefinitely().stream().map(Buffer::toString).collect(Collectors.joining());
        var item = new ObjectMapper().readTree(written);
        assertThat(item.get("status").asText()).isEqualTo("error");
        assertThat(item.at("/error/status").asInt()).isEqualTo(502);
        assertThat(item.at("/data/configs/0/@type").asText()).isEqualTo("x");
        assertThat(tally.summary().failed()).isEqualTo(1);
    }

    private static Multi<Buffer> item(Multi<Buffer> body) {
        return ConfigDumpStream.item(ok(body), new ConfigDumpRedactor(), 1 << 20, new FleetStream.Tally());
    }

    private static FleetItem ok(Multi<Buffer> body) {
        return FleetItem.ok("c", "g", 1, new AdminStream(200, "application/json", body));
    }

    private static String text(AssertSubscriber<Buffer> out) {
        return out.getItems().stream().map(b -> b.toString(StandardCharsets.UTF_8)).collect(Collectors.joining());
    }

    private static String durationOf(String text) {
        return text.substring(text.lastIndexOf(':') + 1, text.length() - 1);
    }
}
