package io.higress.fleet.admin.stream;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one item's bytes ahead of its turn, into a buffer bounded in bytes: it subscribes to the item as soon as it is
 * created and requests one chunk at a time while fewer than {@code limit} bytes wait, so a waiting dump is read and
 * redacted (on its connection's event loop) while another one is written. The writer later subscribes to
 * {@link #bytes()} and takes the buffered chunks, then the rest as it arrives; each chunk it takes makes room for the
 * next read. Memory is the limit plus one chunk.
 * <p>
 * Chunks are requested from upstream on the context that created the read-ahead (the gateway connection's), so the
 * body is read and redacted there whichever thread drains. Non-blocking: the lock only guards queue bookkeeping.
 */
final class DumpReadAhead implements Flow.Subscriber<Buffer> {

    private final long limit;
    private final Context context;
    private final AtomicInteger wip = new AtomicInteger();

    // guarded by this
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long buffered;
    private boolean upstreamPending;
    private boolean upstreamDone;
    private Throwable upstreamError;
    private boolean cancelled;
    private Flow.Subscriber<? super Buffer> downstream;
    private long demand;
    private boolean downstreamDone;

    private volatile Flow.Subscription upstream;

    private DumpReadAhead(long limit, Context context) {
        this.limit = Math.max(1, limit);
        this.context = context;
    }

    /** Subscribes to {@code item} now and starts reading it ahead. */
    static DumpReadAhead start(Multi<Buffer> item, long limit, Context context) {
        DumpReadAhead ahead = new DumpReadAhead(limit, context);
        item.subscribe().withSubscriber(ahead);
        return ahead;
    }

    /** The item's bytes, buffered ones first; subscribe once. */
    Multi<Buffer> bytes() {
        return Multi.createFrom().publisher(subscriber -> {
            boolean second;
            synchronized (this) {
                second = downstream != null;
                if (!second) {
                    downstream = subscriber;
                }
            }
            if (second) { // a publisher signals, it does not throw (Reactive Streams rule 1.9)
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(new IllegalStateException("read-ahead already subscribed"));
                return;
            }
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        return;
                    }
                    synchronized (DumpReadAhead.this) {
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    }
                    drain();
                }

                @Override
                public void cancel() {
                    DumpReadAhead.this.cancel();
                }
            });
            drain();
        });
    }

    /** Stops reading and drops what was read (the answer was abandoned). */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            queue.clear();
            buffered = 0;
            s = upstream;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean wasCancelled;
        synchronized (this) {
            upstream = s;
            wasCancelled = cancelled;
        }
        if (wasCancelled) {
            s.cancel();
            return;
        }
        drain();
    }

    @Override
    public void onNext(Buffer chunk) {
        synchronized (this) {
            upstreamPending = false;
            if (cancelled) {
                return;
            }
            queue.add(chunk);
            buffered += chunk.length();
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            upstreamDone = true;
            upstreamError = t;
        }
        drain();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            upstreamDone = true;
        }
        drain();
    }

    /** Hands queued chunks to the writer as it asks, ends it after the last one, and reads ahead while there is room. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            for (;;) {
                Flow.Subscriber<? super Buffer> d;
                Buffer next = null;
                boolean complete = false;
                Throwable error = null;
                synchronized (this) {
                    d = downstream;
                    if (cancelled || d == null || downstreamDone) {
                        break;
                    }
                    if (!queue.isEmpty()) {
                        if (demand == 0) {
                            break;
                        }
                        next = queue.poll();
                        buffered -= next.length();
                        demand--;
                    } else if (upstreamDone) {
                        downstreamDone = true;
                        complete = upstreamError == null;
                        error = upstreamError;
                    } else {
                        break;
                    }
                }
                if (next != null) {
                    d.onNext(next);
                } else if (complete) {
                    d.onComplete();
                } else {
                    d.onError(error);
                }
            }
            Flow.Subscription s = null;
            synchronized (this) {
                if (!cancelled && !upstreamDone && !upstreamPending && upstream != null && buffered < limit) {
                    upstreamPending = true;
                    s = upstream;
                }
            }
            if (s != null) {
                requestOne(s);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void requestOne(Flow.Subscription s) {
        if (context == null || Context.isOnEventLoopThread() && context == io.vertx.core.Vertx.currentContext()) {
            s.request(1);
        } else {
            context.runOnContext(v -> s.request(1));
        }
    }
}
