package io.higress.fleet.admin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The read-ahead's bound, order, end signals and cancellation, without an HTTP connection in the way. */
class DumpReadAheadTest {

    /** {@code count} chunks of {@code size} bytes, chunk i filled with the letter 'a' + i; counts what is requested. */
    private static Multi<Buffer> chunks(int count, int size, AtomicInteger requested) {
        return Multi.createFrom().range(0, count)
                .onRequest().invoke(n -> requested.addAndGet((int) Math.min(n, Integer.MAX_VALUE)))
                .map(i -> Buffer.buffer(String.valueOf((char) ('a' + i)).repeat(size)));
    }

    @Test
    void readsAheadUntilTheLimitIsBufferedThenWaitsForTheWriter() {
        AtomicInteger requested = new AtomicInteger();
        DumpReadAhead ahead = DumpReadAhead.start(chunks(10, 100, requested), 250, null);

        // 100, 200 are below the limit, 300 is not: three chunks and no more until the writer takes some
        assertThat(requested.get()).isEqualTo(3);

        AssertSubscriber<Buffer> writer = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(1));
        writer.assertItems(Buffer.buffer("a".repeat(100)));
        assertThat(requested.get()).as("taking one chunk makes room for one more read").isEqualTo(4);
        writer.assertNotTerminated();
    }

    @Test
    void handsOverEveryChunkInOrderThenCompletes() {
        AtomicInteger requested = new AtomicInteger();
        DumpReadAhead ahead = DumpReadAhead.start(chunks(6, 10, requested), 15, null);

        AssertSubscriber<Buffer> writer = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        writer.assertCompleted();
        assertThat(writer.getItems().stream().map(Buffer::toString).toList())
                .containsExactly("a".repeat(10), "b".repeat(10), "c".repeat(10), "d".repeat(10), "e".repeat(10),
                        "f".repeat(10));
    }

    @Test
    void aFailureArrivesAfterTheChunksReadBeforeIt() {
        Multi<Buffer> failing = Multi.createBy().concatenating().streams(
                Multi.createFrom().items(Buffer.buffer("{\"configs\":"), Buffer.buffer("[")),
                Multi.createFrom().failure(new IllegalStateException("connection reset")));
        DumpReadAhead ahead = DumpReadAhead.start(failing, 1024, null);

        AssertSubscriber<Buffer> writer = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        writer.assertFailedWith(IllegalStateException.class, "connection reset");
        assertThat(writer.getItems().stream().map(Buffer::toString).toList()).containsExactly("{\"configs\":", "[");
    }

    @Test
    void cancellingStopsTheReadAndDropsWhatWasBuffered() {
        AtomicInteger requested = new AtomicInteger();
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        DumpReadAhead ahead = DumpReadAhead.start(
                chunks(100, 10, requested).onCancellation().invoke(() -> upstreamCancelled.set(true)), 50, null);
        assertThat(requested.get()).isEqualTo(5);

        AssertSubscriber<Buffer> writer = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(0));
        writer.cancel();

        assertThat(upstreamCancelled).isTrue();
        writer.request(10);
        assertThat(writer.getItems()).as("nothing is handed over after the cancel").isEmpty();
        assertThat(requested.get()).isEqualTo(5);
    }

    @Test
    void itsBytesCanBeSubscribedOnlyOnce() {
        DumpReadAhead ahead = DumpReadAhead.start(chunks(1, 1, new AtomicInteger()), 10, null);
        ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(1)).assertCompleted();

        AssertSubscriber<Buffer> second = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(1));

        second.assertFailedWith(IllegalStateException.class, "already subscribed");
    }

    @Test
    void chunksAreRequestedOnTheConnectionsContextWhicheverThreadTakesThem() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var context = vertx.getOrCreateContext();
            List<String> requestThreads = new CopyOnWriteArrayList<>();
            Multi<Buffer> body = Multi.createFrom().range(0, 8)
                    .onRequest().invoke(n -> requestThreads.add(Thread.currentThread().getName()))
                    .map(i -> Buffer.buffer("x".repeat(10)));
            var started = new java.util.concurrent.CompletableFuture<DumpReadAhead>();
            context.runOnContext(v -> started.complete(DumpReadAhead.start(body, 20, context)));
            DumpReadAhead ahead = started.get(5, TimeUnit.SECONDS);

            // the writer drains from this (test) thread: the read-ahead must hop back to the context to request more
            AssertSubscriber<Buffer> writer = ahead.bytes().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            writer.awaitCompletion(java.time.Duration.ofSeconds(5));

            assertThat(writer.getItems()).hasSize(8);
            assertThat(requestThreads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vert.x-eventloop-thread"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
