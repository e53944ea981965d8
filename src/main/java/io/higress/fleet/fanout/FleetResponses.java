package io.higress.fleet.fanout;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemResponses;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects a fan-out into the §4 answer and applies the partial policy. */
public final class FleetResponses {

    public static final String PARTIAL_HEADER = "X-Fleet-Partial";

    private FleetResponses() {
    }

    public static Uni<Response> collect(Multi<FleetItem> items, PartialPolicy policy, HttpServerRequest request) {
        return items.collect().asList().map(list -> respond(FleetAnswer.of(list), policy, request));
    }

    static Response respond(FleetAnswer answer, PartialPolicy policy, HttpServerRequest request) {
        if (!answer.partial()) {
            return Response.ok(answer, MediaType.APPLICATION_JSON).build();
        }
        if (policy == PartialPolicy.ABORT) {
            return ProblemResponses.response(abortProblem(answer), request);
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).header(PARTIAL_HEADER, "true").build();
    }

    /** The most frequent failure's status (the worst one on a tie), with every failed target's problem listed. */
    static Problem abortProblem(FleetAnswer answer) {
        List<Problem> failures = answer.items().stream().filter(i -> !i.isOk()).map(FleetItem::error).toList();
        Map<Integer, Long> byStatus = failures.stream()
                .collect(Collectors.groupingBy(Problem::status, Collectors.counting()));
        int status = byStatus.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse(502);
        Problem first = failures.stream().filter(p -> p.status() == status).findFirst().orElseThrow();
        String detail = failures.size() + " of " + answer.summary().total()
                + " targets failed and partial=abort was asked";
        return new Problem(first.type(), first.title(), status, detail, null, null, null, null, null,
                first.hint(), failures, first.retryAfterSeconds());
    }
}
