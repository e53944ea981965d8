package io.higress.fleet.admin.stream;

import io.higress.fleet.fanout.FleetSummary;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Lays items out one after the other in a {@link StreamFraming}, then the summary. An item is written as a
 * sequence of buffers (a config_dump item is its whole redacted dump) and reports its outcome to the {@link Tally}
 * before it completes, so the summary counts what was actually written.
 */
public final class FleetStream {

    /** Counts the items of one answer. */
    public static final class Tally {
        private final AtomicInteger ok = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        public void ok() {
            ok.incrementAndGet();
        }

        public void failed() {
            failed.incrementAndGet();
        }

        FleetSummary summary() {
            return new FleetSummary(ok.get() + failed.get(), ok.get(), failed.get());
        }
    }

    private FleetStream() {
    }

    /** Items are written one at a time, in the order {@code items} emits them; each is subscribed when its turn comes. */
    public static Multi<Buffer> frame(StreamFraming framing, Multi<Function<Tally, Multi<Buffer>>> items) {
        return Multi.createFrom().deferred(() -> {
            Tally tally = new Tally();
            AtomicBoolean first = new AtomicBoolean(true);
            Multi<Buffer> body = items.onItem().transformToMultiAndConcatenate(item -> Multi.createBy().concatenating()
                    .streams(Multi.createFrom().item(() -> framing.beforeItem(first.getAndSet(false))),
                            item.apply(tally),
                            Multi.createFrom().item(framing::afterItem)));
            return Multi.createBy().concatenating()
                    .streams(Multi.createFrom().item(framing::open), body,
                            Multi.createFrom().item(() -> framing.close(tally.summary())))
                    .select().where(b -> b.length() > 0);
        });
    }
}
