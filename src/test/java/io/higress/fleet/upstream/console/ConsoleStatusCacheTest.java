package io.higress.fleet.upstream.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleStatusCacheTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    ConsoleHarness h = new ConsoleHarness("secret", 100);
    ConsoleStatusCache cache = new ConsoleStatusCache(h.client, h.config); // default TTL: 10s

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void concurrentFirstChecksOfOneConsoleAreOne() {
        Uni<ConsoleStatus> a = cache.status(h.cluster);
        Uni<ConsoleStatus> b = cache.status(h.cluster);
        assertThat(Uni.join().all(a, b).andFailFast().await().atMost(WAIT))
                .allSatisfy(s -> assertThat(s.reachable()).isTrue());
        assertThat(h.console.requests()).filteredOn(r -> r.path().equals("/healthz/ready")).hasSize(1);
    }

    @Test
    void aKnownStatusIsAnsweredWithoutAskingTheConsoleWithinItsTtl() {
        assertThat(cache.status(h.cluster).await().atMost(WAIT).version()).isEqualTo("2.2.4");
        h.console.unreachable(true);
        assertThat(cache.status(h.cluster).await().atMost(WAIT).reachable()).as("the last known status").isTrue();
    }
}
