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

    /** How many input bytes had been consumed when the problem was found; -1 if unknown. */
    public long inputOffset() {
        return inputOffset;
    }
}
