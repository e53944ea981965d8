package io.higress.fleet.problem;

import io.higress.fleet.http.Pipeline;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The HTTP edge before and after the REST layer: a request id on every answer (a caller's own id is kept when
 * sane), and problem+json for the errors Vert.x answers itself (no route, method, body too large).
 */
public class HttpEdge {

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    void install(@Observes Router router) {
        Pipeline.REQUEST_ID.place(router.route()).handler(HttpEdge::requestId);
        for (int status : new int[] {404, 405, 413}) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    private static void requestId(RoutingContext ctx) {
        String given = ctx.request().getHeader(ProblemResponses.REQUEST_ID);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.response().putHeader(ProblemResponses.REQUEST_ID, id);
        ctx.next();
    }

    private static void answer(RoutingContext ctx, int status) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        String detail = switch (status) {
            case 404 -> "no resource at " + ctx.request().method() + " " + ctx.request().path();
            case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
            default -> "the request body exceeds the limit (quarkus.http.limits.max-body-size)";
        };
        Problem p = ProblemResponses.complete(Problem.of(ProblemType.forClientStatus(status), detail), ctx.request());
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(p));
    }
}
