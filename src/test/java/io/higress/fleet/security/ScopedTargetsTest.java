package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.higress.fleet.problem.ProblemException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A selection whose request cannot be found is refused, never let through unchecked (it failed open before). */
class ScopedTargetsTest {

    @Test
    void aSelectionOutsideAnyRequestFailsClosed() {
        ScopedTargets scope = new ScopedTargets(new CurrentVertxRequest());
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> scope.admit(List.of(), false));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problem().status()).isEqualTo(403);
        assertThat(e.problem().detail()).contains("caller of this selection is unknown");
        // the facade's own work says so, on its thread only
        assertThat(ScopedTargets.asFacade(() -> scope.admit(List.of(), false))).isEmpty();
        assertThat(catchThrowableOfType(ProblemException.class, () -> scope.admit(List.of(), false))).isNotNull();
    }
}
