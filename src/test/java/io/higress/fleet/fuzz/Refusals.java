package io.higress.fleet.fuzz;

import io.higress.fleet.problem.ProblemException;

/** What a parser may answer bad input with: a 400 problem. Anything else escapes and is a finding. */
final class Refusals {

    private Refusals() {
    }

    static void only400(Runnable parse) {
        try {
            parse.run();
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw new AssertionError("refused with " + e.problem().status() + ": " + e.problem().detail(), e);
            }
        }
    }
}
