package io.higress.fleet.admin.stream;

import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Writes a {@code Multi<Buffer>} to a Vert.x response as raw chunks, exactly the bytes given: one buffer is
 * requested at a time and the next only once the response's write queue has room, so a slow client slows the
 * gateways' bodies down instead of filling the heap. A client that goes away cancels the stream.
 */
final class ResponseStreamer implements Flow.Subscriber<Buffer> {

    private static final Logger LOG = Logger.getLogger(ResponseStreamer.class);

    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private volatile Flow.Subscription subscription;
    /** A chunk was written and the next one is not requested yet (the write queue was full). */
    private final AtomicBoolean waiting = new AtomicBoolean();

    private ResponseStreamer(RoutingContext ctx) {
        this.ctx = ctx;
        this.response = ctx.response();
    }

    static void send(RoutingContext ctx, String contentType, Multi<Buffer> body) {
        ctx.response().setStatusCode(200).setChunked(true).putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-cache");
        body.subscribe().withSubscriber(new ResponseStreamer(ctx));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        // Not response.closeHandler(): it would replace the one the context's end handlers (audit, the per-caller
        // read count) rely on, and a client that went away would hold its read forever.
        ctx.addEndHandler(done -> {
            if (done.failed()) {
                s.cancel();
            }
        });
        response.drainHandler(v -> requestNextIfWaiting());
        s.request(1);
    }

    @Override
    public void onNext(Buffer chunk) {
        if (response.closed()) {
            subscription.cancel();
            return;
        }
        waiting.set(true);
        response.write(chunk.getDelegate());
        // The drain handler and this check may both see room: only one of them requests.
        if (!response.writeQueueFull()) {
            requestNextIfWaiting();
        }
    }

    private void requestNextIfWaiting() {
        if (waiting.compareAndSet(true, false)) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        // Failures travel inside the items; reaching here is a bug. The status is sent: cut the answer short.
        LOG.error("fleet stream failed after its status was sent", t);
        response.reset();
    }

    @Override
    public void onComplete() {
        if (!response.closed()) {
            response.end();
        }
    }
}
