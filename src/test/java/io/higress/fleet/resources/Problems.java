package io.higress.fleet.resources;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: runs code expected to fail with a problem and returns it. */
final class Problems {
    private Problems() {
    }

    static Problem thrownBy(ThrowingCallable call) {
        Problem[] out = new Problem[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> out[0] = e.problem());
        return out[0];
    }

    static List<String> fields(Problem p) {
        return p.errors().stream().map(e -> ((Problem.FieldError) e).field()).toList();
    }
}
