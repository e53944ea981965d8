package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A successful (2xx) answer of the facade. */
record Answer(int status, HttpHeaders headers, byte[] body) {

    JsonNode json() {
        try {
            return Json.JSON.readTree(body);
        } catch (IOException e) {
            throw CliFailure.failed("the facade answered " + status + " with a body that is not JSON: "
                    + Problems.excerpt(text()), e);
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The facade's {@code X-Fleet-Partial: true}: some targets failed. */
    boolean partial() {
        return headers.firstValue("X-Fleet-Partial").map("true"::equalsIgnoreCase).orElse(false);
    }
}
