package io.higress.fleet.admin.stream;

import io.higress.fleet.admin.redact.ConfigDumpRedactor;
import io.higress.fleet.admin.redact.RedactionException;
import io.higress.fleet.admin.redact.RedactionSession;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.upstream.UpstreamException;
import io.higress.fleet.upstream.UpstreamProblems;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.envoy.AdminStream;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.Json;
import io.netty.buffer.ByteBuf;
import io.vertx.mutiny.core.buffer.Buffer;
import java.io.OutputStream;

/**
 * One gateway's config_dump item, redacted as its body arrives and written out chunk by chunk: {@code {"cluster",
 * "gateway","data":} + the redacted dump + {@code ,"status":"ok","durationMs":n}}. Memory per gateway is the
 * current chunk and the redactor's current token, whatever the dump's size.
 * <p>
 * A body that turns out invalid, truncated, too large or cut off is already partly written: its open arrays and
 * objects are closed ({@link RedactionSession#closeOpenStructures()}) and the item ends with
 * {@code ,"status":"error","durationMs":n,"error":{problem}}, so the whole answer stays valid JSON and {@code data}
 * holds the (truncated) part that was written, or {@code null} if nothing was.
 */
final class ConfigDumpStream {

    private final FleetItem headers;
    private final AdminStream answer;
    private final RedactionSession session;
    private final BufferSink out = new BufferSink();
    /** Reused for bodies in direct (off-heap) buffers, which the parser cannot read in place. */
    private byte[] scratch = new byte[0];
    private final long maxBytes;
    private final long startNanos = System.nanoTime();
    private long bytesIn;
    private long bytesOut;

    private ConfigDumpStream(FleetItem headers, ConfigDumpRedactor redactor, long maxBytes) {
        this.headers = headers;
        this.answer = (AdminStream) headers.data();
        this.session = redactor.open(out);
        this.maxBytes = maxBytes;
    }

    /** The item's bytes; a gateway that failed before its headers is written as its error item. */
    static Multi<Buffer> item(FleetItem settled, ConfigDumpRedactor redactor, long maxBytes, FleetStream.Tally tally) {
        if (!settled.isOk()) {
            tally.failed();
            return Multi.createFrom().item(() -> Buffer.buffer(Json.encode(settled)));
        }
        return Multi.createFrom().deferred(() -> new ConfigDumpStream(settled, redactor, maxBytes).bytes(tally));
    }

    private Multi<Buffer> bytes(FleetStream.Tally tally) {
        Buffer prefix = Buffer.buffer("{\"cluster\":" + Json.encode(headers.cluster()) + ",\"gateway\":"
                + Json.encode(headers.gateway()) + ",\"data\":");
        Multi<Buffer> dump = answer.body().onItem().transform(this::redact)
                .onCompletion().switchTo(() -> Multi.createFrom().item(() -> finish(tally)))
                .onFailure().recoverWithItem(e -> failed(e, tally));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(prefix), dump);
    }

    private Buffer redact(Buffer chunk) {
        bytesIn += chunk.length();
        if (bytesIn > maxBytes) {
            throw UpstreamException.malformed("config_dump larger than " + maxBytes + " bytes", null);
        }
        ByteBuf bytes = chunk.getDelegate().getByteBuf(); // a slice: no copy
        int len = bytes.readableBytes();
        if (bytes.hasArray()) {
            session.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), len);
        } else {
            if (scratch.length < len) {
                scratch = new byte[len];
            }
            bytes.getBytes(bytes.readerIndex(), scratch, 0, len);
            session.feed(scratch, 0, len);
        }
        return drained();
    }

    private Buffer finish(FleetStream.Tally tally) {
        try {
            session.finish();
        } catch (RedactionException e) {
            return failed(e, tally);
        }
        tally.ok();
        return drained().appendString(",\"status\":\"ok\",\"durationMs\":" + millis() + "}");
    }

    private Buffer failed(Throwable e, FleetStream.Tally tally) {
        if (session.state() == RedactionSession.State.OPEN) {
            try {
                session.finish(); // the body stopped short: this fails the session as truncated
            } catch (RedactionException truncated) {
                // expected: closeOpenStructures below completes the part already written
            }
        }
        if (session.state() == RedactionSession.State.FAILED) {
            session.closeOpenStructures();
        }
        UpstreamRef ref = UpstreamRef.envoyAdmin(headers.cluster(), headers.gateway());
        Throwable cause = e instanceof RedactionException r
                ? UpstreamException.malformed(r.getMessage(), r) : e;
        Problem problem = UpstreamProblems.toProblem(cause, ref).withTarget(headers.cluster(), headers.gateway());
        tally.failed();
        Buffer rest = drained();
        if (bytesOut == 0) {
            rest.appendString("null"); // failed before the dump's first token: data still needs a value
        }
        return rest.appendString(",\"status\":\"error\",\"durationMs\":" + millis() + ",\"error\":"
                + Json.encode(problem) + "}");
    }

    private Buffer drained() {
        Buffer b = out.take();
        bytesOut += b.length();
        return b;
    }

    /**
     * The redactor's output, handed on as the Vert.x buffer it was written into (no copy on the way out). The
     * redactor writes once per chunk in the common case, so the buffer is sized by that first write: no minimum
     * allocation per chunk and no growth copies.
     */
    private static final class BufferSink extends OutputStream {
        private io.vertx.core.buffer.Buffer current;

        @Override
        public void write(int b) {
            target(1).appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target(len).appendBytes(b, off, len);
        }

        private io.vertx.core.buffer.Buffer target(int firstWrite) {
            if (current == null) {
                current = io.vertx.core.buffer.Buffer.buffer(firstWrite);
            }
            return current;
        }

        Buffer take() {
            Buffer taken = current == null ? Buffer.buffer() : Buffer.newInstance(current);
            current = null;
            return taken;
        }
    }

    /** From the call's start to the dump's last byte (the headers' wait included). */
    private long millis() {
        return headers.durationMs() + (System.nanoTime() - startNanos) / 1_000_000;
    }
}
