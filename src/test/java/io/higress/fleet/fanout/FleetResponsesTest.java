package io.higress.fleet.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetResponsesTest {

    static FleetItem failed(String gw, ProblemType type) {
        return FleetItem.failed("dev", gw, 5, Problem.of(type, "x").withTarget("dev", gw));
    }

    @Test
    void abortAnswersTheMostFrequentFailureWithEveryTargetListed() {
        FleetAnswer answer = FleetAnswer.of(List.of(
                FleetItem.ok("dev", "a", 1, "LIVE"),
                failed("b", ProblemType.UPSTREAM_TIMEOUT),
                failed("c", ProblemType.UPSTREAM_TIMEOUT),
                failed("d", ProblemType.UPSTREAM_UNREACHABLE)));
        Problem p = FleetResponses.abortProblem(answer);
        assertThat(p.status()).isEqualTo(504);
        assertThat(p.type()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT.uri());
        assertThat(p.errors()).hasSize(3);
        assertThat(p.detail()).contains("3 of 4");
        assertThat(answer.summary()).isEqualTo(new FleetSummary(4, 1, 3));
        assertThat(answer.partial()).isTrue();
    }

    @Test
    void aTieTakesTheWorseStatus() {
        FleetAnswer answer = FleetAnswer.of(List.of(failed("b", ProblemType.UPSTREAM_ERROR),
                failed("c", ProblemType.UPSTREAM_TIMEOUT)));
        assertThat(FleetResponses.abortProblem(answer).status()).isEqualTo(504);
    }

    @Test
    void allOkIsNotPartial() {
        FleetAnswer answer = FleetAnswer.of(List.of(FleetItem.ok("dev", "a", 1, "LIVE")));
        assertThat(answer.partial()).isFalse();
        assertThat(answer.summary().failed()).isZero();
    }

    /** Contract §4: an item is cluster, gateway, status, durationMs and data or error — nothing more. */
    @Test
    void itemsSerialiseToTheContractsFieldsOnly() {
        var ok = new io.vertx.core.json.JsonObject(io.vertx.core.json.Json.encode(FleetItem.ok("dev", "a", 3, "LIVE")));
        assertThat(ok.fieldNames()).containsExactlyInAnyOrder("cluster", "gateway", "status", "durationMs", "data");
        var failed = new io.vertx.core.json.JsonObject(io.vertx.core.json.Json.encode(failed("b", ProblemType.UPSTREAM_TIMEOUT)));
        assertThat(failed.fieldNames()).containsExactlyInAnyOrder("cluster", "gateway", "status", "durationMs", "error");
    }
}
