package io.higress.fleet.admin.parse;

/**
 * An Envoy admin answer that does not have the expected shape. Callers map it to an error item ("malformed").
 */
public class MalformedAdminResponseException extends RuntimeException {

    public MalformedAdminResponseException(String message) {
        super(message);
    }

    public MalformedAdminResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
