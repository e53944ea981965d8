package io.higress.fleet.problem;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The one check for query parameters an endpoint does not take: a misspelt one must not be silently ignored. */
public final class QueryParameters {

    /** Targeting, taken by every fan-out read and every write (contract §1). */
    public static final Set<String> TARGETING = Set.of("clusters", "selector");

    private QueryParameters() {
    }

    /** A 400 naming the first parameter (in name order) outside {@code allowed}, and listing what is allowed. */
    public static void rejectUnknown(Map<String, List<String>> params, Set<String> allowed) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ProblemException(Problem.invalid(unknown.iterator().next(), allowed.isEmpty()
                    ? "unknown query parameter; this endpoint takes none"
                    : "unknown query parameter; this endpoint takes " + String.join(", ", new TreeSet<>(allowed))));
        }
    }
}
