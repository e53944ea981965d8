package io.higress.fleet.upstream.envoy;

import io.vertx.mutiny.core.buffer.Buffer;

/** A whole (size-capped) answer of an Envoy admin endpoint. */
public record AdminAnswer(int status, String contentType, Buffer body) {
    public String text() {
        return body.toString();
    }
}
