package io.higress.fleet.admin.redact;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The input of a {@link RedactionSession} addressed by absolute byte offset across {@code feed} calls, and a
 * buffered output that input spans are copied to. The current chunk is read in place; only the bytes after the
 * last complete token (whitespace and the start of a token cut by the chunk boundary) are kept in a carry buffer,
 * so memory is bounded by the largest single token, not by the dump.
 */
final class RawSpanCopier {

    private final OutputStream out;
    private final byte[] outBuf = new byte[16 * 1024];
    private int outLen;

    /** Input bytes {@code [carryBase, chunkBase)}. */
    private byte[] carry = new byte[1024];
    private long carryBase;
    private int carryLen;

    /** Input bytes {@code [chunkBase, chunkBase + chunkLen)}, read in place from the caller's array. */
    private byte[] chunk;
    private int chunkOff;
    private int chunkLen;
    private long chunkBase;

    RawSpanCopier(OutputStream out) {
        this.out = out;
    }

    /** The next chunk; valid until {@link #keepFrom(long)}. */
    void accept(byte[] bytes, int off, int len) {
        chunk = bytes;
        chunkOff = off;
        chunkLen = len;
        chunkBase = carryBase + carryLen;
    }

    /** Before the caller's chunk is given back: keeps {@code [from, end of input)}, which the parser may not have tokenised yet. */
    void keepFrom(long from) {
        int fromCarry = (int) Math.max(0, chunkBase - from);
        int fromChunk = (int) Math.min(chunkLen, chunkBase + chunkLen - from);
        int needed = fromCarry + fromChunk;
        if (needed > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(needed, carry.length * 2));
        }
        System.arraycopy(carry, carryLen - fromCarry, carry, 0, fromCarry);
        System.arraycopy(chunk == null ? carry : chunk, chunkOff + chunkLen - fromChunk, carry, fromCarry, fromChunk);
        carryBase = from;
        carryLen = needed;
        chunk = null;
        chunkOff = 0;
        chunkLen = 0;
        chunkBase = carryBase + carryLen;
    }

    /** The first offset at or after {@code pos} that is not whitespace or a separator: where a token starts. */
    long tokenStart(long pos) {
        for (; pos < chunkBase; pos++) {
            if (!isGap(carry[(int) (pos - carryBase)])) {
                return pos;
            }
        }
        int i = chunkOff + (int) (pos - chunkBase);
        while (isGap(chunk[i])) {
            i++;
        }
        return chunkBase + i - chunkOff;
    }

    private static boolean isGap(byte b) {
        return b == ' ' || b == '\n' || b == ',' || b == ':' || b == '\r' || b == '\t';
    }

    /** Copies input bytes {@code [from, to)} verbatim. */
    void copy(long from, long to) throws IOException {
        if (from < chunkBase) {
            long carryEnd = Math.min(to, chunkBase);
            write(carry, (int) (from - carryBase), (int) (carryEnd - from));
            from = carryEnd;
        }
        if (from < to) {
            write(chunk, chunkOff + (int) (from - chunkBase), (int) (to - from));
        }
    }

    void write(byte b) throws IOException {
        if (outLen == outBuf.length) {
            drainBuffer();
        }
        outBuf[outLen++] = b;
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        if (len > outBuf.length - outLen) {
            drainBuffer();
            if (len > outBuf.length) {
                out.write(bytes, off, len);
                return;
            }
        }
        System.arraycopy(bytes, off, outBuf, outLen, len);
        outLen += len;
    }

    void flush() throws IOException {
        drainBuffer();
        out.flush();
    }

    private void drainBuffer() throws IOException {
        if (outLen > 0) {
            out.write(outBuf, 0, outLen);
            outLen = 0;
        }
    }
}
