package io.higress.fleet.admin.redact;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.higress.fleet.security.redaction.JsonNodeRedactor;
import io.higress.fleet.security.redaction.SecretKeyMatcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redaction of one config_dump, fed chunk by chunk ({@link ConfigDumpRedactor} explains the rules and how to drive
 * it). A byte scanner, not a tokenizer: it checks the JSON grammar (RFC 8259, well-formed UTF-8) byte by byte and
 * copies the input without the whitespace between tokens, decoding nothing but field names and the few strings that
 * may hold embedded JSON or several lines — and those only when there are secret keys to look for. Not thread-safe;
 * feed chunks in order.
 * <p>
 * Output is compacted into {@code pending}; {@code committed} marks its end of complete tokens (a separator counts
 * with the token after it, a field name with its colon). Only committed bytes are written out, so a dump that fails
 * leaves complete tokens, which {@link #closeOpenStructures()} turns into valid JSON. The tail (a token cut by the
 * chunk boundary) waits for the next chunk; a muted (secret) value's bytes are checked and dropped.
 */
public final class RedactionSession {

    /** OPEN while fed; COMPLETE after a successful finish; FAILED after invalid or truncated input. */
    public enum State { OPEN, COMPLETE, FAILED }

    /** What the scanner is in the middle of, or expects next. */
    private enum At {
        ROOT, BOM, VALUE, FIRST_IN_ARRAY, FIRST_IN_OBJECT, NAME, COLON, AFTER,
        STRING, ESCAPE, UNICODE, UTF8, LITERAL,
        MINUS, ZERO, INT, DOT, FRACTION, EXP_MARK, EXP_SIGN, EXPONENT
    }

    private static final byte[] REDACTED_VALUE = ("\"" + SecretKeyMatcher.REDACTED + "\"")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] REDACTED_ARRAY = ("[\"" + SecretKeyMatcher.REDACTED + "\"]")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /**
     * Jackson's defaults, which the tokenizer this scanner replaced enforced, bounded here so that everything it
     * took still passes: a number's digits (Jackson counts 1,000 per integer, 1,000 characters per float), and a
     * name's bytes (Jackson counted 50,000 decoded characters; an escape is at most 6 bytes for one).
     */
    private static final int MAX_NUMBER_DIGITS = 1000;
    private static final int MAX_NAME_BYTES = 6 * 50_000;
    private static final int NAME_SLOTS = 512;
    private static final int MAX_CACHED_NAME = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SecretKeyMatcher matcher;
    private final JsonNodeRedactor embedded;
    /** False for admins: no field name or string is ever decoded. */
    private final boolean redacting;
    private final int maxDepth;
    private final long maxStringLength;
    private final OutputStream out;

    private State state = State.OPEN;
    private At at = At.ROOT;
    private byte[] pending = new byte[8 * 1024];
    private int pendingLen;
    private int committed;
    /** Absolute input offset of {@code chunk[0]} during a feed. */
    private long chunkBase;
    private long bytesIn;

    /** The arrays and objects open, innermost at {@code depth - 1}; true for objects. */
    private boolean[] objects = new boolean[32];
    private int depth;
    private boolean rootDone;
    /** The output ends with a field name and its colon. */
    private boolean fieldNamePending;

    /** The string being scanned: a field name or a value, where it starts in pending and in the input. */
    private boolean inName;
    private int stringStart;
    private long stringStartOffset;
    private boolean escaped;
    private boolean nonAscii;
    private int hexLeft;
    private int utf8Left;
    private int utf8Min;
    private int utf8Max;
    private byte[] literal;
    private int literalIndex;
    private int numberDigits;

    /** Field names seen and their verdicts, by a hash of their bytes ({@link #secretName}). */
    private final int[] nameLengths;
    private final long[] nameHeads;
    private final long[] nameTails;
    private final byte[][] longNames;
    private final boolean[] secretNames;

    /** The next value belongs to a secret key. */
    private boolean secretNext;
    /** Inside a secret value, whose placeholder is already committed; it ends back at {@code muteDepth}. */
    private boolean muted;
    private int muteDepth;
    private int redactedCount;

    RedactionSession(SecretKeyMatcher matcher, JsonNodeRedactor embedded, int maxDepth, long maxStringLength,
            OutputStream out) {
        this.matcher = matcher;
        this.embedded = embedded;
        this.redacting = !matcher.isEmpty();
        this.nameLengths = redacting ? new int[NAME_SLOTS] : null;
        this.nameHeads = redacting ? new long[NAME_SLOTS] : null;
        this.nameTails = redacting ? new long[NAME_SLOTS] : null;
        this.longNames = redacting ? new byte[NAME_SLOTS][] : null;
        this.secretNames = redacting ? new boolean[NAME_SLOTS] : null;
        this.maxDepth = maxDepth;
        this.maxStringLength = maxStringLength;
        this.out = out;
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    /** Consumes {@code len} bytes from {@code chunk[offset]}, writing every complete token. */
    public void feed(byte[] chunk, int offset, int len) {
        requireOpen();
        if (len == 0) {
            return;
        }
        chunkBase = bytesIn - offset;
        scan(chunk, offset, offset + len);
        bytesIn += len;
        if (at == At.STRING || at == At.ESCAPE || at == At.UNICODE || at == At.UTF8) {
            checkStringLength(bytesIn);
        }
        flushCommitted();
    }

    /** Signals the end of the body; throws if the document is incomplete or has trailing content. */
    public void finish() {
        requireOpen();
        chunkBase = bytesIn;
        if (at == At.ZERO || at == At.INT || at == At.FRACTION || at == At.EXPONENT) {
            if (depth > 0) {
                throw fail("truncated config_dump", bytesIn);
            }
            valueDone(); // a number is the whole document
        }
        if (!rootDone) {
            throw fail(bytesIn == 0 ? "empty config_dump" : "truncated config_dump", bytesIn);
        }
        state = State.COMPLETE;
        flushCommitted();
    }

    private void scan(byte[] in, int i, int end) {
        while (i < end) {
            byte b = in[i];
            switch (at) {
                case STRING -> i = string(in, i, end);
                case ESCAPE -> {
                    if (b == 'u') {
                        hexLeft = 4;
                        at = At.UNICODE;
                    } else if (b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r'
                            || b == 't') {
                        at = At.STRING;
                    } else {
                        throw syntax("invalid escape " + describe(b) + " in a string", chunkBase + i);
                    }
                    put(b);
                    i++;
                }
                case UNICODE -> {
                    if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F')) {
                        throw syntax("invalid \\u escape: " + describe(b) + " is no hex digit", chunkBase + i);
                    }
                    put(b);
                    i++;
                    if (--hexLeft == 0) {
                        at = At.STRING;
                    }
                }
                case UTF8 -> {
                    int u = b & 0xFF;
                    if (u < utf8Min || u > utf8Max) {
                        throw syntax("invalid UTF-8 in a string", chunkBase + i);
                    }
                    put(b);
                    i++;
                    utf8Min = 0x80;
                    utf8Max = 0xBF;
                    if (--utf8Left == 0) {
                        at = At.STRING;
                    }
                }
                case LITERAL -> {
                    if (b != literal[literalIndex]) {
                        throw syntax("unexpected character " + describe(b) + " in a literal", chunkBase + i);
                    }
                    put(b);
                    i++;
                    if (++literalIndex == literal.length) {
                        valueDone();
                    }
                }
                case MINUS, ZERO, INT, DOT, FRACTION, EXP_MARK, EXP_SIGN, EXPONENT -> i = number(in, i, end);
                case BOM -> {
                    if (b != literal[literalIndex]) {
                        throw syntax("invalid byte order mark", chunkBase + i);
                    }
                    if (++literalIndex == literal.length) {
                        at = At.ROOT;
                    }
                    i++;
                }
                default -> {
                    while (b == ' ' || b == '\n' || b == '\r' || b == '\t') { // indentation: most of a dump
                        if (++i == end) {
                            return;
                        }
                        b = in[i];
                    }
                    between(b, i);
                    i++;
                }
            }
        }
    }

    /** A byte between tokens (not whitespace). */
    private void between(byte b, int i) {
        switch (at) {
            case ROOT -> {
                if (b == (byte) 0xEF && chunkBase + i == 0) {
                    at = At.BOM; // Jackson skipped a UTF-8 byte order mark too
                    literal = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                    literalIndex = 1;
                } else {
                    value(b, i);
                }
            }
            case VALUE -> value(b, i);
            case FIRST_IN_ARRAY -> {
                if (b == ']') {
                    close(b);
                } else {
                    value(b, i);
                }
            }
            case FIRST_IN_OBJECT, NAME -> {
                if (b == '"') {
                    startString(true, i);
                } else if (b == '}' && at == At.FIRST_IN_OBJECT) {
                    close(b);
                } else {
                    throw syntax("expected a field name, found " + describe(b), chunkBase + i);
                }
            }
            case COLON -> {
                if (b != ':') {
                    throw syntax("expected ':' after a field name, found " + describe(b), chunkBase + i);
                }
                put(b);
                commit();
                fieldNamePending = !muted;
                at = At.VALUE;
            }
            case AFTER -> {
                if (depth == 0) {
                    throw fail("trailing content after the config_dump document", chunkBase + i);
                }
                boolean object = objects[depth - 1];
                if (b == ',') {
                    put(b); // written with the token after it
                    at = object ? At.NAME : At.VALUE;
                } else if (b == (object ? '}' : ']')) {
                    close(b);
                } else {
                    throw syntax("expected ',' or '" + (object ? '}' : ']') + "', found " + describe(b),
                            chunkBase + i);
                }
            }
            default -> throw new IllegalStateException("not between tokens: " + at);
        }
    }

    private void value(byte b, int i) {
        if (!(b == '{' || b == '[' || b == '"' || b == '-' || b >= '0' && b <= '9' || b == 't' || b == 'f'
                || b == 'n')) {
            throw syntax("expected a value, found " + describe(b), chunkBase + i);
        }
        if (secretNext) {
            // the secret's placeholder keeps an array an array, so the schema holds
            append(b == '[' ? REDACTED_ARRAY : REDACTED_VALUE);
            commit();
            fieldNamePending = false;
            redactedCount++;
            secretNext = false;
            muted = true;
            muteDepth = depth;
        }
        switch (b) {
            case '{', '[' -> {
                if (depth == maxDepth) {
                    throw fail("nested deeper than " + maxDepth, chunkBase + i);
                }
                if (depth == objects.length) {
                    objects = Arrays.copyOf(objects, depth * 2);
                }
                objects[depth++] = b == '{';
                put(b);
                commit();
                fieldNamePending = false;
                at = b == '{' ? At.FIRST_IN_OBJECT : At.FIRST_IN_ARRAY;
            }
            case '"' -> startString(false, i);
            case '-' -> startNumber(b, At.MINUS);
            case '0' -> startNumber(b, At.ZERO);
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> startNumber(b, At.INT);
            case 't' -> startLiteral(TRUE);
            case 'f' -> startLiteral(FALSE);
            default -> startLiteral(NULL); // 'n', checked above
        }
    }

    private void close(byte b) {
        put(b);
        depth--;
        valueDone();
    }

    private void startLiteral(byte[] word) {
        put(word[0]);
        literal = word;
        literalIndex = 1;
        at = At.LITERAL;
    }

    private void startNumber(byte b, At first) {
        put(b);
        numberDigits = b == '-' ? 0 : 1;
        at = first;
    }

    /** Number bytes from {@code in[i]}; returns where the number (or the chunk) ends. */
    private int number(byte[] in, int i, int end) {
        for (; i < end; i++) {
            byte b = in[i];
            boolean digit = b >= '0' && b <= '9';
            At next = switch (at) {
                case MINUS -> b == '0' ? At.ZERO : digit ? At.INT : null;
                case ZERO -> b == '.' ? At.DOT : b == 'e' || b == 'E' ? At.EXP_MARK : digit ? null : At.AFTER;
                case INT -> digit ? At.INT : b == '.' ? At.DOT : b == 'e' || b == 'E' ? At.EXP_MARK : At.AFTER;
                case DOT -> digit ? At.FRACTION : null;
                case FRACTION -> digit ? At.FRACTION : b == 'e' || b == 'E' ? At.EXP_MARK : At.AFTER;
                case EXP_MARK -> b == '+' || b == '-' ? At.EXP_SIGN : digit ? At.EXPONENT : null;
                case EXP_SIGN -> digit ? At.EXPONENT : null;
                case EXPONENT -> digit ? At.EXPONENT : At.AFTER;
                default -> throw new IllegalStateException("not in a number: " + at);
            };
            if (next == null) {
                throw syntax(switch (at) {
                    case ZERO -> "a number with a leading zero";
                    case MINUS -> "a number without digits after '-'";
                    case DOT -> "a number without digits after its decimal point";
                    default -> "a number without digits in its exponent";
                } + ", found " + describe(b), chunkBase + i);
            }
            if (next == At.AFTER) {
                valueDone(); // b is the delimiter: the caller reads it next
                return i;
            }
            if (digit && ++numberDigits > MAX_NUMBER_DIGITS) {
                throw fail("a number of more than " + MAX_NUMBER_DIGITS + " digits", chunkBase + i);
            }
            put(b);
            at = next;
        }
        return i;
    }

    private void startString(boolean name, int i) {
        put((byte) '"');
        inName = name;
        stringStart = pendingLen - 1;
        stringStartOffset = chunkBase + i;
        escaped = false;
        nonAscii = false;
        at = At.STRING;
    }

    /** String bytes from {@code in[i]}: plain runs are copied at once; returns where the run stopped. */
    private int string(byte[] in, int i, int end) {
        int start = i;
        byte b = 0;
        while (i < end && (b = in[i]) >= 0x20 && b != '"' && b != '\\') {
            i++; // bytes of 0x80 and up are negative: they stop the run too
        }
        append(in, start, i - start);
        if (i == end) {
            return i;
        }
        if (b == '"') {
            put(b);
            endString(chunkBase + i);
        } else if (b == '\\') {
            put(b);
            escaped = true;
            at = At.ESCAPE;
        } else if (b < 0) {
            utf8Lead(b & 0xFF, i);
            put(b);
        } else {
            throw syntax("unescaped control character " + describe(b) + " in a string", chunkBase + i);
        }
        return i + 1;
    }

    private void utf8Lead(int u, int i) {
        nonAscii = true;
        utf8Min = 0x80;
        utf8Max = 0xBF;
        if (u >= 0xC2 && u <= 0xDF) {
            utf8Left = 1;
        } else if (u >= 0xE0 && u <= 0xEF) {
            utf8Left = 2;
            utf8Min = u == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            utf8Max = u == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (u >= 0xF0 && u <= 0xF4) {
            utf8Left = 3;
            utf8Min = u == 0xF0 ? 0x90 : 0x80;
            utf8Max = u == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            throw syntax("invalid UTF-8 in a string", chunkBase + i);
        }
        at = At.UTF8;
    }

    /** {@code endOffset}: where the string's content ends so far (its closing quote, or the end of the input). */
    private void checkStringLength(long endOffset) {
        long length = endOffset - stringStartOffset - 1;
        long max = inName ? MAX_NAME_BYTES : maxStringLength;
        if (length > max) {
            throw fail((inName ? "a field name" : "a string") + " longer than " + max + " bytes", endOffset);
        }
    }

    /** The closing quote is in pending; {@code endOffset} is its input offset. */
    private void endString(long endOffset) {
        checkStringLength(endOffset);
        if (inName) {
            at = At.COLON;
            if (redacting && !muted) {
                secretNext = escaped ? matcher.isSecret(content())
                        : secretName(stringStart + 1, pendingLen - stringStart - 2);
            }
            return;
        }
        if (redacting && !muted && mayHoldSecrets()) {
            String replaced = embedded.embedded(content());
            if (replaced != null) {
                pendingLen = stringStart;
                put((byte) '"');
                append(quoted(replaced));
                put((byte) '"');
                redactedCount++;
            }
        }
        valueDone();
    }

    /**
     * The verdict on the name in {@code pending[from, from + len)}, remembered by its bytes: a dump repeats a few
     * hundred field names thousands of times, and comparing them as two longs (their first and last 8 bytes, which
     * cover a name of up to 16 bytes whole) is cheaper than normalising them again. Longer names are compared whole.
     */
    private boolean secretName(int from, int len) {
        if (len == 0 || len > MAX_CACHED_NAME) {
            return matcher.isSecret(pending, from, len);
        }
        long head = len >= 8 ? (long) LONGS.get(pending, from) : partialLong(from, len);
        long tail = len > 8 ? (long) LONGS.get(pending, from + len - 8) : 0;
        int slot = (int) (((head * 0x9E3779B97F4A7C15L) ^ tail ^ len) >>> 40) & (NAME_SLOTS - 1);
        if (nameLengths[slot] == len && nameHeads[slot] == head && nameTails[slot] == tail
                && (len <= 16 || Arrays.equals(longNames[slot], 0, len, pending, from, from + len))) {
            return secretNames[slot];
        }
        boolean secret = matcher.isSecret(pending, from, len);
        nameLengths[slot] = len;
        nameHeads[slot] = head;
        nameTails[slot] = tail;
        longNames[slot] = len > 16 ? Arrays.copyOfRange(pending, from, from + len) : null;
        secretNames[slot] = secret;
        return secret;
    }

    private long partialLong(int from, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (pending[from + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /**
     * The text as JSON string content in UTF-8. An unpaired surrogate (the text was decoded from {@code \\u}
     * escapes, which may hold one) is written as its escape again: UTF-8 has no form for it.
     */
    private static byte[] quoted(String text) {
        char[] chars = JsonStringEncoder.getInstance().quoteAsString(text);
        StringBuilder safe = null;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean paired = Character.isHighSurrogate(c) && i + 1 < chars.length
                    && Character.isLowSurrogate(chars[i + 1]);
            if (Character.isSurrogate(c) && !paired) {
                if (safe == null) {
                    safe = new StringBuilder(chars.length + 6).append(chars, 0, i);
                }
                safe.append(String.format("\\u%04x", (int) c));
                continue;
            }
            if (safe != null) {
                safe.append(c);
                if (paired) {
                    safe.append(chars[++i]);
                }
            } else if (paired) {
                i++;
            }
        }
        return (safe != null ? safe.toString() : new String(chars)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@link JsonNodeRedactor#embedded} could replace the string: only JSON (starting with { or [ after
     * whitespace) or several lines (a line break is always escaped), so a plain ASCII string without escapes that
     * starts with anything else is shown as it is without being decoded.
     */
    private boolean mayHoldSecrets() {
        if (escaped || nonAscii) {
            return true;
        }
        int i = stringStart + 1;
        while (pending[i] == ' ') {
            i++;
        }
        return pending[i] == '{' || pending[i] == '[';
    }

    /** The text of the string just scanned (its bytes are between {@code stringStart} and the end of pending). */
    private String content() {
        int from = stringStart + 1;
        int to = pendingLen - 1;
        if (!escaped) {
            return new String(pending, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(to - from);
        int run = from;
        for (int i = from; i < to; i++) {
            if (pending[i] != '\\') {
                continue;
            }
            text.append(new String(pending, run, i - run, StandardCharsets.UTF_8));
            byte e = pending[++i];
            switch (e) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(pending, i + 1, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> text.append((char) e); // " \ /
            }
            run = i + 1;
        }
        return text.append(new String(pending, run, to - run, StandardCharsets.UTF_8)).toString();
    }

    private void valueDone() {
        if (muted && depth == muteDepth) {
            muted = false;
            pendingLen = committed; // the secret value was checked, not kept
        }
        commit();
        fieldNamePending = false;
        if (depth == 0) {
            rootDone = true;
        }
        at = At.AFTER;
    }

    private void commit() {
        if (!muted) {
            committed = pendingLen;
        }
    }

    private void put(byte b) {
        if (pendingLen == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingLen++] = b;
    }

    private void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    private void append(byte[] bytes, int off, int len) {
        if (pendingLen + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLen + len, pending.length * 2));
        }
        System.arraycopy(bytes, off, pending, pendingLen, len);
        pendingLen += len;
    }

    /** Writes the committed bytes and keeps the tail; a muted value's bytes are dropped as they are checked. */
    private void flushCommitted() {
        if (muted) {
            pendingLen = committed;
        }
        try {
            if (committed > 0) {
                out.write(pending, 0, committed);
            }
            out.flush();
        } catch (IOException e) {
            state = State.FAILED; // what was written is unknown: the session cannot go on
            pendingLen = 0;
            committed = 0;
            throw new UncheckedIOException(e);
        }
        int tail = pendingLen - committed;
        System.arraycopy(pending, committed, pending, 0, tail);
        stringStart -= committed;
        pendingLen = tail;
        committed = 0;
    }

    /**
     * After a failure: closes every array and object still open in the output (writing {@code null} for a
     * field name still waiting for its value), so that what was written is valid, though truncated, JSON.
     * Only structures this session opened are closed.
     */
    public void closeOpenStructures() {
        if (state != State.FAILED) {
            throw new IllegalStateException("only a failed session has open structures to close, state=" + state);
        }
        try {
            if (fieldNamePending) {
                out.write(NULL);
                fieldNamePending = false;
            }
            int open = muted ? muteDepth : depth; // a secret value is complete in the output: its placeholder
            while (open > 0) {
                out.write(objects[--open] ? '}' : ']');
            }
            depth = 0;
            muted = false;
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input breaks JSON's grammar at {@code offset} (worded as {@code JsonErrors} words Jackson's failures). */
    private RedactionException syntax(String what, long offset) {
        return fail("not valid JSON at byte " + offset + " (" + what + ")", offset);
    }

    private RedactionException fail(String message, long offset) {
        state = State.FAILED;
        try {
            if (committed > 0) {
                out.write(pending, 0, committed); // every token written so far is complete
            }
            out.flush();
        } catch (IOException ignored) {
            // the output is being abandoned anyway
        }
        pendingLen = 0;
        committed = 0;
        return new RedactionException("invalid config_dump: " + message, offset, null);
    }

    private static String describe(byte b) {
        return b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xFF);
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("session is " + state);
        }
    }

    public State state() {
        return state;
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** How many values were replaced by {@code "[redacted]"}. */
    public int redactedCount() {
        return redactedCount;
    }
}
