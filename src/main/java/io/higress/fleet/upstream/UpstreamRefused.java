package io.higress.fleet.upstream;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;

/**
 * The facade's own guard refused a call before it reached the upstream: 503 {@code upstream-unavailable} with
 * {@code Retry-After}. It says nothing about the upstream's health, so it is never retried and never counts against
 * the breaker; {@link #reason()} tells a caller that must act on it (the rollout health gate) why.
 */
public final class UpstreamRefused extends ProblemException {

    public enum Reason {
        /** The upstream's circuit breaker is open: its recent calls failed. */
        BREAKER_OPEN("circuit breaker open"),
        /** The facade itself is busy: every slot of the upstream's bulkhead is taken and its queue is full, or no
         * slot came free within half the call's deadline. */
        BUSY("bulkhead full");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    UpstreamRefused(Reason reason, UpstreamRef ref, String detail, long retryAfterSeconds) {
        super(Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, detail)
                .withUpstream(new Problem.UpstreamInfo(ref.kind().id(), null, reason.label()))
                .withTarget(ref.cluster(), ref.gateway())
                .withRetryAfter(Math.max(1, retryAfterSeconds)));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether {@code error} is the facade's own congestion (not the upstream's failure, not an open breaker). */
    public static boolean isBusy(Throwable error) {
        return UpstreamProblems.unwrap(error) instanceof UpstreamRefused r && r.reason == Reason.BUSY;
    }
}
