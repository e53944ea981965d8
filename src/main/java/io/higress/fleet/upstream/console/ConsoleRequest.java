package io.higress.fleet.upstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpMethod;

/** One console call: method, path with its query (relative to the console URL) and the JSON body, if any. */
@RegisterForReflection
record ConsoleRequest(HttpMethod method, String path, JsonNode body) {

    static ConsoleRequest get(String path) {
        return new ConsoleRequest(HttpMethod.GET, path, null);
    }
}
