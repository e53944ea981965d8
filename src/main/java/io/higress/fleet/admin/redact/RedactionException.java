package io.higress.fleet.admin.redact;

/**
 * The config_dump being redacted is not valid JSON or ended too early. The output then holds only complete tokens
 * and is itself incomplete: see {@link RedactionSession#closeOpenStructures()}.
 */
public class RedactionException extends RuntimeException {

    private final long inputOffset;

    public RedactionException(String message, long inputOffset, Throwable cause) {
        super(message + " (at input byte " + inputOffset + ")", cause);
        this.inputOffset = inputOffset;
    }

    /** The offset of the input byte where the problem was found (the input's length if it ended too early); -1 if unknown. */
    public long inputOffset() {
        return inputOffset;
    }
}
