package io.higress.fleet.problem;

import io.higress.fleet.problem.Problem.FieldError;
import java.util.List;

/** Turns collected field errors into the contract's 400 problem, before any cluster is touched. */
public final class Validation {
    private Validation() {
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(List.copyOf(errors)));
        }
    }
}
