package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Skips one JSON object or array token by token, for the streamed dump readers: the parts of a dump nobody asked for
 * go by without being kept. {@link #start} on the value's opening token, then every token goes through
 * {@link #swallowed} until it answers false.
 */
public final class ValueSkip {
    private int depth;

    /** The object or array whose start token was just read is skipped. */
    public void start() {
        depth = 1;
    }

    /** Whether {@code token} belonged to the value being skipped (its closing token included). */
    public boolean swallowed(JsonToken token) {
        if (depth == 0) {
            return false;
        }
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        return true;
    }
}
