package io.higress.fleet.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

/** Turns a problem into the HTTP answer: status, problem+json, Retry-After, and the request's id and path. */
public final class ProblemResponses {

    public static final String REQUEST_ID = "X-Request-Id";

    private ProblemResponses() {
    }

    public static Problem complete(Problem problem, HttpServerRequest request) {
        Problem p = problem;
        if (request != null) {
            if (p.instance() == null) {
                p = p.withInstance(request.path());
            }
            if (p.requestId() == null) {
                p = p.withRequestId(request.response().headers().get(REQUEST_ID));
            }
        }
        return p;
    }

    /** The same answer written straight to Vert.x, for routes outside the REST layer. */
    public static void end(io.vertx.ext.web.RoutingContext ctx, Problem problem) {
        Problem p = complete(problem, ctx.request());
        if (p.retryAfterSeconds() != null) {
            ctx.response().putHeader("Retry-After", Long.toString(p.retryAfterSeconds()));
        }
        ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(io.vertx.core.json.Json.encode(p));
    }

    public static Response response(Problem problem, HttpServerRequest request) {
        Problem p = complete(problem, request);
        Response.ResponseBuilder b = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (p.retryAfterSeconds() != null) {
            b.header("Retry-After", p.retryAfterSeconds());
        }
        return b.build();
    }
}
