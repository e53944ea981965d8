package io.higress.fleet.cli;

/** A failure fleetctl reports in one message, with the exit code it ends with. */
final class CliFailure extends RuntimeException {
    final Exit exit;

    private CliFailure(Exit exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    /** Bad arguments or configuration, found before any call: exit 3. */
    static CliFailure usage(String message) {
        return new CliFailure(Exit.USAGE, message, null);
    }

    /** The facade could not be reached or answered nothing usable: exit 1. */
    static CliFailure failed(String message, Throwable cause) {
        return new CliFailure(Exit.FAILED, message, cause);
    }
}
