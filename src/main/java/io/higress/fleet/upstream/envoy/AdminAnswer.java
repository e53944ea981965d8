package io.higress.fleet.upstream.envoy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.core.buffer.Buffer;

/** A whole (size-capped) answer of an Envoy admin endpoint. */
@RegisterForReflection
public record AdminAnswer(int status, String contentType, Buffer body) {
    public String text() {
        return body.toString();
    }
}
