package io.higress.fleet.resources;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The HTTP status of a write answer (contract §5): every result succeeded → 201 when each one created its object
 * (a POST), 200 otherwise; some failed → 207 with the results; all failed with one status → that status as a
 * problem listing each cluster's problem in {@code errors[]}; all failed differently → 207. A result whose outcome is
 * {@code unknown} or {@code partial} is never folded into a problem: 207, so that its status is seen.
 */
public final class WriteResponses {
    public static final int MULTI_STATUS = 207;

    private WriteResponses() {
    }

    public static Response of(WriteAnswer answer, HttpServerRequest request) {
        List<WriteResult> results = answer.results();
        List<Problem> failures = results.stream().filter(WriteResult::failed).map(WriteResult::error).toList();
        if (failures.isEmpty()) {
            boolean allCreated = !answer.dryRun() && results.stream().allMatch(r -> "created".equals(r.status()));
            return Response.status(allCreated ? 201 : 200).type(MediaType.APPLICATION_JSON).entity(answer).build();
        }
        if (failures.size() == results.size() && results.stream().noneMatch(r -> r.unknown() || r.partial())
                && failures.stream().map(Problem::status).distinct().count() == 1) {
            Problem first = failures.get(0);
            String clusters = String.join(", ", failures.stream().map(Problem::cluster)
                    .filter(java.util.Objects::nonNull).distinct().toList());
            String detail = failures.size() == 1 ? first.detail()
                    : "failed in every targeted cluster (" + clusters + ") with " + first.status()
                            + "; errors[] has each cluster's problem, the first: " + first.detail();
            Problem all = new Problem(first.type(), first.title(), first.status(), detail, null, null,
                    failures.size() == 1 ? first.cluster() : null, null, failures.size() == 1 ? first.upstream() : null,
                    first.hint(), failures, first.retryAfterSeconds());
            return ProblemResponses.response(all, request);
        }
        return Response.status(MULTI_STATUS).type(MediaType.APPLICATION_JSON).entity(answer).build();
    }
}
