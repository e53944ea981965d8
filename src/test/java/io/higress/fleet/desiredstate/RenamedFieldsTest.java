package io.higress.fleet.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A manifest apply's and a rollout's field names become the set's, whatever the problem's type. */
class RenamedFieldsTest {

    static List<String> fields(ProblemException e) {
        return e.problem().errors().stream().map(x -> ((Problem.FieldError) x).field()).toList();
    }

    @Test
    void documentsAreTheSetsManifestsAndTheTypeStays() {
        ProblemException invalid = catchThrowableOfType(ProblemException.class, () -> DesiredStates.renamed(() -> {
            throw new ProblemException(Problem.invalid(List.of(
                    new Problem.FieldError("manifests.documents[1].spec.url", "bad"),
                    new Problem.FieldError("documents[0].metadata.name", "bad"),
                    new Problem.FieldError("waitTime", "bad"))));
        }));
        assertThat(fields(invalid)).containsExactly("manifests[1].spec.url", "manifests[0].metadata.name", "waitTime");
        assertThat(invalid.problem().status()).isEqualTo(400);

        ProblemException limits = catchThrowableOfType(ProblemException.class, () -> DesiredStates.renamed(() -> {
            throw new ProblemException(Problem.of(ProblemType.WRITE_NOT_ALLOWED, "outside")
                    .withErrors(List.of(new Problem.FieldError("manifests.documents[2].metadata.namespace", "no"))));
        }));
        assertThat(fields(limits)).containsExactly("manifests[2].metadata.namespace");
        assertThat(limits.problem().type()).isEqualTo(ProblemType.WRITE_NOT_ALLOWED.uri());
        assertThat(DesiredStates.renamed(() -> "planned")).isEqualTo("planned");
    }
}
