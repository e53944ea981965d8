package io.higress.fleet.sim;

import io.vertx.core.buffer.Buffer;

/** A complete admin answer, built before anything is written so that faults can mangle it (truncate). */
record AdminResponse(int status, String contentType, Buffer body) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=UTF-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=UTF-8";

    static AdminResponse text(int status, String body) {
        return new AdminResponse(status, TEXT, Buffer.buffer(body));
    }

    static AdminResponse json(Buffer body) {
        return new AdminResponse(200, JSON, body);
    }

    AdminResponse withType(String type) {
        return new AdminResponse(status, type, body);
    }
}
