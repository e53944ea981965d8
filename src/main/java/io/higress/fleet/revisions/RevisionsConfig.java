package io.higress.fleet.revisions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code fleet.revisions.*}: how many revisions are kept and for how long (the older are dropped first). */
@ConfigMapping(prefix = "fleet.revisions")
public interface RevisionsConfig {

    /** At most this many revisions in all (the oldest dropped first); at least 1. */
    @WithDefault("10000")
    int maxCount();

    /** Revisions older than this are dropped. */
    @WithDefault("30d")
    Duration maxAge();
}
