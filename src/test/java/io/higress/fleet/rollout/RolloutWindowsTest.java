package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutWindowsTest {

    static RolloutWindows of(WindowSpec... w) {
        return RolloutWindows.of(List.of(w));
    }

    @Test
    void aDenyWindowHoldsAWaveUntilItsDurationEnds() {
        RolloutWindows w = of(new WindowSpec("deny", "0 22 * * *", "10h", null));
        RolloutWindows.Verdict v = w.at(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(v.open()).isFalse();
        assertThat(v.why()).contains("inside deny window windows[0] ('0 22 * * *' for 10h, Z)");
        assertThat(v.opensAt()).isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(w.openAt(Instant.parse("2026-12-04T08:00:00Z"))).as("the end is open").isTrue();
        assertThat(w.openAt(Instant.parse("2026-12-03T21:59:59Z"))).isTrue();
        assertThat(w.openAt(Instant.parse("2026-12-03T22:00:00Z"))).isFalse();
    }

    @Test
    void allowWindowsInTheirZoneOpenOnlyInside() {
        // weekdays 09:00-17:00 Berlin; 2026-12-05 is a Saturday
        RolloutWindows w = of(new WindowSpec("allow", "0 9 * * 1-5", "PT8H", "Europe/Berlin"));
        RolloutWindows.Verdict v = w.at(Instant.parse("2026-12-05T10:00:00Z"));
        assertThat(v.open()).isFalse();
        assertThat(v.why()).contains("outside every allow window");
        assertThat(v.opensAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(w.when(v.opensAt())).isEqualTo("2026-12-07T08:00:00Z, 2026-12-07 09:00 Europe/Berlin");
        assertThat(w.openAt(Instant.parse("2026-12-07T15:59:00Z"))).isTrue();
        assertThat(w.openAt(Instant.parse("2026-12-07T16:00:00Z"))).isFalse();
    }

    @Test
    void withoutADurationTheScheduleMinutesAreTheWindow() {
        RolloutWindows w = of(new WindowSpec("allow", "* 9-16 * * *", null, null));
        assertThat(w.openAt(Instant.parse("2026-12-03T16:59:30Z"))).isTrue();
        assertThat(w.openAt(Instant.parse("2026-12-03T17:00:00Z"))).isFalse();
        assertThat(w.nextOpening(Instant.parse("2026-12-03T17:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
    }

    @Test
    void aDenyInsideAnAllowWindowWinsAndTheOpeningSkipsIt() {
        RolloutWindows w = of(new WindowSpec("allow", "0 8 * * *", "4h", null),
                new WindowSpec("deny", "0 8 * * *", "2h", null));
        assertThat(w.openAt(Instant.parse("2026-12-03T09:00:00Z"))).isFalse();
        assertThat(w.nextOpening(Instant.parse("2026-12-03T07:00:00Z"))).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(w.nextOpening(Instant.parse("2026-12-03T13:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
    }

    @Test
    void everyBadFieldIsNamed() {
        var errors = RolloutWindows.check(List.of(new WindowSpec("maybe", "0 22 * *", "2 hours", "Mars/Olympus"),
                new WindowSpec("deny", "0 0 31 2 *", "0s", null)));
        assertThat(errors).extracting(e -> e.field()).containsExactlyInAnyOrder("windows[0].type",
                "windows[0].schedule", "windows[0].duration", "windows[0].timeZone", "windows[1].schedule",
                "windows[1].duration");
        assertThat(RolloutWindows.check(List.of(new WindowSpec("allow", "*/5 9-17 * * mon-fri", "PT2H",
                "Europe/Berlin")))).isEmpty();
    }
}
