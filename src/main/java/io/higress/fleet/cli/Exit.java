package io.higress.fleet.cli;

/** fleetctl's exit codes, the contract with CI jobs (docs/fleetctl.md). */
enum Exit {
    /** Everything asked for was done, every target answered. */
    OK(0),
    /** The request failed, or every target failed; a rollout that did not succeed. */
    FAILED(1),
    /** Some targets failed, or copies differ (drift). */
    PARTIAL(2),
    /** fleetctl refused the command line or its configuration before calling the facade. */
    USAGE(3);

    final int code;

    Exit(int code) {
        this.code = code;
    }

    /** The worse of two outcomes: failed over partial over ok. */
    Exit and(Exit other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case OK -> 0;
            case PARTIAL -> 1;
            case FAILED -> 2;
            case USAGE -> 3;
        };
    }

    /** OK when nothing failed, FAILED when nothing succeeded, PARTIAL in between. */
    static Exit of(int ok, int failed) {
        if (failed == 0) {
            return OK;
        }
        return ok == 0 ? FAILED : PARTIAL;
    }
}
