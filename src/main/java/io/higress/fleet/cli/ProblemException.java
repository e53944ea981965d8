package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The facade answered an error: its problem (RFC 9457), printed by {@link Problems}; fleetctl exits 1. */
final class ProblemException extends RuntimeException {
    final int status;
    final JsonNode problem;
    final Credential credential;

    ProblemException(int status, JsonNode problem, Credential credential) {
        super(status + " " + Json.text(problem, "title"));
        this.status = status;
        this.problem = problem;
        this.credential = credential;
    }
}
