package io.higress.fleet.http;

import io.vertx.ext.web.Route;

/**
 * THE order of the facade's own Vert.x handlers, ahead of the REST layer: each handler's route takes its place with
 * {@code Pipeline.X.place(router.route())}, and this list is the one place that says who runs first (LayeringTest:
 * nothing else calls {@code Route.order}).
 * Lower runs first; all stay near {@link Integer#MIN_VALUE} so they precede Quarkus' routes and REST endpoints.
 */
public enum Pipeline {
    /** A request id on every answer, problem+json for the errors Vert.x answers itself ({@code HttpEdge}). */
    REQUEST_ID(Integer.MIN_VALUE),
    /** A declared body over the limit is a 413 before anything reads it, and before authentication. */
    BODY_SIZE_LIMIT(Integer.MIN_VALUE + 50),
    /** Authentication and authorisation of every request, REST endpoints and /q/* alike. */
    SECURITY_GATE(Integer.MIN_VALUE + 100),
    /** The per-caller limit on fan-out reads: it needs the caller the gate found. */
    READS_PER_CALLER(Integer.MIN_VALUE + 105),
    /** Streamed fleet reads, served straight on Vert.x once the caller is admitted. */
    FLEET_STREAM(Integer.MIN_VALUE + 110);

    private final int order;

    Pipeline(int order) {
        this.order = order;
    }

    /** Gives the route this stage's place in the pipeline. */
    public Route place(Route route) {
        return route.order(order);
    }
}
