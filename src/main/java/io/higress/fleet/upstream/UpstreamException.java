package io.higress.fleet.upstream;

/**
 * An upstream answered badly or not at all. Transports throw it; {@link UpstreamProblems} maps it into the problem
 * model. Client errors (4xx) are not retried and do not count against the circuit breaker.
 */
public class UpstreamException extends RuntimeException {

    public enum Failure {
        /** The upstream answered with a non-success HTTP status. */
        STATUS,
        /** Connection refused, reset, DNS failure, closed early. */
        UNREACHABLE,
        /** No answer before the deadline. */
        TIMEOUT,
        /** An answer that could not be understood (garbage, truncated, too big). */
        MALFORMED
    }

    private final Failure failure;
    private final int status;
    private final String reason;

    public UpstreamException(Failure failure, int status, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.failure = failure;
        this.status = status;
        this.reason = reason;
    }

    public static UpstreamException status(int status, String reason) {
        return new UpstreamException(Failure.STATUS, status, reason, null);
    }

    public static UpstreamException unreachable(String reason, Throwable cause) {
        return new UpstreamException(Failure.UNREACHABLE, 0, reason, cause);
    }

    public static UpstreamException timeout(String reason) {
        return new UpstreamException(Failure.TIMEOUT, 0, reason, null);
    }

    public static UpstreamException malformed(String reason, Throwable cause) {
        return new UpstreamException(Failure.MALFORMED, 0, reason, cause);
    }

    public Failure failure() {
        return failure;
    }

    /** The upstream's HTTP status, 0 when it gave none. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isClientError() {
        return failure == Failure.STATUS && status >= 400 && status < 500;
    }
}
