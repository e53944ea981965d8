package io.higress.fleet.upstream.console;

import io.higress.fleet.upstream.UpstreamException;

/**
 * A console answer that is not a success, already translated: {@link #status()} is the status it MEANS (the guard
 * decides retries and breaker counts on it: a 502 "not found" is a 404 and is neither retried nor counted), while
 * {@link #consoleStatus()} is what the console literally sent, reported in the problem's {@code upstream.status}.
 */
final class ConsoleFailure extends UpstreamException {

    private final int consoleStatus;
    private final String message;
    private final String hint;

    ConsoleFailure(int meaning, int consoleStatus, String message, String hint) {
        super(Failure.STATUS, meaning, message, null);
        this.consoleStatus = consoleStatus;
        this.message = message;
        this.hint = hint;
    }

    int consoleStatus() {
        return consoleStatus;
    }

    /** The console's own text (exception class stripped), or a description of the empty answer. */
    String consoleMessage() {
        return message;
    }

    /** A hint more precise than the problem type's, or null. */
    String hint() {
        return hint;
    }
}
