package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A time window of a rollout (docs/rollouts.md, "Time windows"): each match of the cron {@code schedule}, read in
 * {@code timeZone}, opens the window for {@code duration}. A wave starts only while no deny window is open and, if
 * there are allow windows, one of them is.
 */
@Schema(name = "RolloutWindow")
@RegisterForReflection
public record WindowSpec(
        @Schema(enumeration = {"allow", "deny"}, description = "allow: waves start only inside allow windows; "
                + "deny: no wave starts inside one") String type,
        @Schema(description = "5-field cron (minute hour day-of-month month day-of-week): each match opens the "
                + "window, e.g. '0 22 * * 1-5'") String schedule,
        @Schema(description = "how long each match keeps the window open, a Go duration (2h, 90m) or ISO-8601 "
                + "(PT2H), at least 1m; default 1m (the schedule's minutes themselves: '* 9-17 * * 1-5')")
        String duration,
        @Schema(description = "IANA time zone the schedule is read in, e.g. Europe/Berlin; default UTC")
        String timeZone) {

    static final String ALLOW = "allow";
    static final String DENY = "deny";
}
