package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * An Envoy admin answer that does not have the expected shape. Callers map it to an error item ("malformed").
 * The message ends up in a problem's {@code detail}: words a user reads, never the parser's internals nor the raw
 * bytes of a garbage answer ({@link JsonErrors}).
 */
public class MalformedAdminResponseException extends RuntimeException {

    public MalformedAdminResponseException(String message) {
        super(message);
    }

    public MalformedAdminResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <what>: not valid JSON at line L, column C (reason)}. */
    public static MalformedAdminResponseException invalidJson(String what, JsonProcessingException e) {
        return new MalformedAdminResponseException(what + ": " + JsonErrors.describe(e), e);
    }
}
