package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the simulated console answers one request: status and body (null: empty), enveloped or raw. */
record ConsoleAnswer(int status, JsonNode body) {
    static final String VALIDATION = "com.alibaba.higress.sdk.exception.ValidationException: ";
    static final String CONFLICT = "com.alibaba.higress.sdk.exception.ResourceConflictException: ";
    static final String NOT_FOUND = "com.alibaba.higress.sdk.exception.NotFoundException: ";
    static final String BUSINESS = "com.alibaba.higress.sdk.exception.BusinessException: ";
    static final String AUTH = "com.alibaba.higress.console.controller.exception.AuthException: ";

    /** GET: the object in {@code {"success","message","data"}}. */
    static ConsoleAnswer envelope(JsonNode data) {
        ObjectNode out = ConsoleSimulator.JSON.createObjectNode().put("success", true).putNull("message");
        out.set("data", data);
        return new ConsoleAnswer(200, out);
    }

    static ConsoleAnswer raw(int status, JsonNode o) {
        return new ConsoleAnswer(status, o);
    }

    static ConsoleAnswer empty(int status) {
        return new ConsoleAnswer(status, null);
    }

    static ConsoleAnswer error(int status, String message) {
        return new ConsoleAnswer(status, ConsoleSimulator.JSON.createObjectNode().put("success", false)
                .put("message", message));
    }

    static ConsoleAnswer invalid(String message) {
        return error(400, VALIDATION + message);
    }

    /** The console's ResourceConflictException carries no message: "exists" and "stale" look the same. */
    static ConsoleAnswer conflict() {
        return error(409, CONFLICT + "null");
    }
}
