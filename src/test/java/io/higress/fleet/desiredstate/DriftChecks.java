package io.higress.fleet.desiredstate;

import io.quarkus.arc.Arc;

/** For tests of other packages: one drift-check round now, on the calling thread (never an event loop). */
public final class DriftChecks {

    private DriftChecks() {
    }

    public static void runNow() {
        Arc.container().instance(DriftCheck.class).get().checkNow();
    }
}
