package io.higress.fleet.upstream.envoy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * An admin answer whose headers have arrived and whose body has not been read yet. The body is back-pressured:
 * the connection stays paused until it is subscribed and reads only as much as is requested. Subscribe to it once.
 */
@RegisterForReflection
public record AdminStream(int status, String contentType, Multi<Buffer> body) {
}
