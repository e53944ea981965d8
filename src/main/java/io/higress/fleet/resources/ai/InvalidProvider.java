package io.higress.fleet.resources.ai;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;

/**
 * A provider configuration the console would refuse: which field (dotted, e.g. {@code rawConfigs.awsRegion}) and
 * why.
 */
public final class InvalidProvider extends RuntimeException {
    private final String field;

    InvalidProvider(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The 400 the request gets. */
    public ProblemException problem() {
        return new ProblemException(Problem.invalid(field, getMessage()));
    }
}
