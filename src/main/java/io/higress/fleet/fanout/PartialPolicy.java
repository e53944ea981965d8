package io.higress.fleet.fanout;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;

/** {@code partial=warn} answers 200 with the failures listed; {@code partial=abort} answers the failure instead. */
public enum PartialPolicy {
    WARN, ABORT;

    public static PartialPolicy parse(String value) {
        if (value == null || value.isBlank() || "warn".equals(value)) {
            return WARN;
        }
        if ("abort".equals(value)) {
            return ABORT;
        }
        throw new ProblemException(Problem.invalid("partial", "must be warn or abort, not '" + value + "'"));
    }
}
