package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * SHA-256 of one JSON value, computed from its tokens without building a tree, and canonical:
 * <ul>
 * <li>object key order does not matter (an object's digest is over its sorted field digests, Merkle style);</li>
 * <li>keys are compared in snake_case ({@code versionInfo} = {@code version_info});</li>
 * <li>fields {@code last_updated} and {@code version_info} are left out at any depth (timestamps and xDS version
 * labels differ between gateways that apply the same content);</li>
 * <li>array order matters; scalars are hashed with their JSON type and their text (numbers as written).</li>
 * </ul>
 * Memory: one 32-byte digest per completed field of each object on the current path.
 */
final class CanonicalJsonHasher {

    static final Set<String> EXCLUDED_KEYS = Set.of("last_updated", "version_info");

    private static final class Frame {
        final boolean object;
        final String keyInParent;
        final List<byte[]> fields;
        final MessageDigest array;
        String pendingKey;

        Frame(boolean object, String keyInParent) {
            this.object = object;
            this.keyInParent = keyInParent;
            this.fields = object ? new ArrayList<>() : null;
            this.array = object ? null : sha256();
            if (array != null) {
                array.update((byte) '[');
            }
        }
    }

    private final KeyNames keyNames;
    private final MessageDigest scratch = sha256();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int skipDepth;
    private boolean skipNext;
    private byte[] result;

    CanonicalJsonHasher(KeyNames keyNames) {
        this.keyNames = keyNames;
    }

    /** Feeds the next token of the value; returns true when the value is complete. */
    boolean accept(JsonToken token, JsonParser parser) throws IOException {
        if (skipDepth > 0) {
            if (token.isStructStart()) {
                skipDepth++;
            } else if (token.isStructEnd()) {
                skipDepth--;
            }
            return false;
        }
        if (token == JsonToken.FIELD_NAME) {
            String key = keyNames.snake(parser.currentName());
            if (EXCLUDED_KEYS.contains(key)) {
                skipNext = true;
            } else {
                stack.peek().pendingKey = key;
            }
            return false;
        }
        if (skipNext) {
            skipNext = false;
            if (token.isStructStart()) {
                skipDepth = 1;
            }
            return false;
        }
        Frame top = stack.peek();
        String key = top != null && top.object ? top.pendingKey : null;
        switch (token) {
            case START_OBJECT -> stack.push(new Frame(true, key));
            case START_ARRAY -> stack.push(new Frame(false, key));
            case END_OBJECT -> {
                Frame done = stack.pop();
                done.fields.sort(Arrays::compare);
                scratch.update((byte) '{');
                done.fields.forEach(scratch::update);
                deliverDigest((byte) 'O', scratch.digest(), done.keyInParent);
            }
            case END_ARRAY -> {
                Frame done = stack.pop();
                done.array.update((byte) ']');
                deliverDigest((byte) 'A', done.array.digest(), done.keyInParent);
            }
            case VALUE_STRING -> deliverScalar((byte) 's', parser.getText(), key);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> deliverScalar((byte) 'n', parser.getText(), key);
            case VALUE_TRUE -> deliverScalar((byte) 't', "", key);
            case VALUE_FALSE -> deliverScalar((byte) 'f', "", key);
            case VALUE_NULL -> deliverScalar((byte) 'z', "", key);
            default -> throw new IllegalStateException("unexpected token " + token);
        }
        return stack.isEmpty() && result != null;
    }

    private void deliverDigest(byte tag, byte[] digest, String key) {
        Frame top = stack.peek();
        if (top == null) {
            result = digest;
        } else if (top.object) {
            putKey(key);
            scratch.update(tag);
            scratch.update(digest);
            top.fields.add(scratch.digest());
        } else {
            top.array.update(tag);
            top.array.update(digest);
        }
    }

    private void deliverScalar(byte tag, String text, String key) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Frame top = stack.peek();
        if (top != null && !top.object) {
            top.array.update(tag);
            top.array.update(intBytes(bytes.length));
            top.array.update(bytes);
            return;
        }
        if (top != null) {
            putKey(key);
        }
        scratch.update(tag);
        scratch.update(intBytes(bytes.length));
        scratch.update(bytes);
        byte[] digest = scratch.digest();
        if (top == null) {
            result = digest;
        } else {
            top.fields.add(digest);
        }
    }

    private void putKey(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        scratch.update(intBytes(k.length));
        scratch.update(k);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    String hex() {
        if (result == null) {
            throw new IllegalStateException("value not complete");
        }
        return HexFormat.of().formatHex(result);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
