package io.higress.fleet.revisions;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Which revisions go: those older than the age, then the oldest past the count. Pure. */
final class Retention {

    /** Oldest first: by instant, then by sequence, then by id. */
    static final Comparator<Revision> OLDEST_FIRST = Comparator.comparing(Revision::at)
            .thenComparingLong(Revision::seq).thenComparing(Revision::id);

    private Retention() {
    }

    static List<String> expired(List<Revision> kept, Instant now, int maxCount, Duration maxAge) {
        Instant oldest = now.minus(maxAge);
        List<Revision> sorted = kept.stream().sorted(OLDEST_FIRST).toList();
        List<Revision> old = sorted.stream().filter(r -> r.at().isBefore(oldest)).toList();
        List<Revision> young = sorted.stream().filter(r -> !r.at().isBefore(oldest)).toList();
        int over = Math.max(0, young.size() - Math.max(1, maxCount));
        return Stream.concat(old.stream(), young.stream().limit(over)).map(Revision::id).toList();
    }
}
