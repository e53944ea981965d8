package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static boolean matches(String cron, String instant) {
        return CronSchedule.parse(cron).matches(Instant.parse(instant), UTC);
    }

    static Instant after(String cron, String instant, ZoneId zone) {
        return CronSchedule.parse(cron).firstAfter(Instant.parse(instant), zone);
    }

    @Test
    void stepsRangesAndLists() {
        assertThat(matches("*/15 * * * *", "2026-12-03T10:45:00Z")).isTrue();
        assertThat(matches("*/15 * * * *", "2026-12-03T10:46:00Z")).isFalse();
        assertThat(matches("0 9-17/2 * * *", "2026-12-03T13:00:00Z")).isTrue();
        assertThat(matches("0 9-17/2 * * *", "2026-12-03T14:00:00Z")).isFalse();
        assertThat(matches("0 9-17/2 * * *", "2026-12-03T19:00:00Z")).isFalse();
        assertThat(matches("5,10-12 * * * *", "2026-12-03T10:11:00Z")).isTrue();
        assertThat(matches("5,10-12 * * * *", "2026-12-03T10:05:59Z")).as("the whole minute").isTrue();
        assertThat(matches("5,10-12 * * * *", "2026-12-03T10:13:00Z")).isFalse();
        assertThat(matches("0 0 * jan,dec *", "2026-12-03T00:00:00Z")).isTrue();
        assertThat(matches("0 0 * 1-11 *", "2026-12-03T00:00:00Z")).isFalse();
        // 2026-12-03 is a Thursday
        assertThat(matches("* * * * mon-fri", "2026-12-03T10:00:00Z")).isTrue();
        assertThat(matches("* * * * sat,sun", "2026-12-03T10:00:00Z")).isFalse();
        assertThat(after("30 * * * *", "2026-12-03T10:30:00Z", UTC)).as("strictly after")
                .isEqualTo(Instant.parse("2026-12-03T11:30:00Z"));
        assertThat(after("0 0 1 * *", "2026-12-03T10:00:00Z", UTC)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void dayOfWeekZeroAndSevenAreSunday() {
        // 2026-12-06 is a Sunday
        assertThat(matches("0 12 * * 0", "2026-12-06T12:00:00Z")).isTrue();
        assertThat(matches("0 12 * * 7", "2026-12-06T12:00:00Z")).isTrue();
        assertThat(matches("0 12 * * 5-7", "2026-12-06T12:00:00Z")).isTrue();
        assertThat(matches("0 12 * * 7", "2026-12-07T12:00:00Z")).isFalse();
        assertThat(after("0 12 * * 7", "2026-12-03T00:00:00Z", UTC)).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
    }

    @Test
    void bothDayFieldsRestrictedMatchEither() {
        // the 1st of the month, or any Monday (crontab(5))
        assertThat(matches("0 0 1 * 1", "2026-12-01T00:00:00Z")).as("a Tuesday the 1st").isTrue();
        assertThat(matches("0 0 1 * 1", "2026-12-07T00:00:00Z")).as("a Monday").isTrue();
        assertThat(matches("0 0 1 * 1", "2026-12-08T00:00:00Z")).isFalse();
        assertThat(matches("0 0 1 * *", "2026-12-07T00:00:00Z")).isFalse();
    }

    @Test
    void localTimeAcrossDaylightSavingChanges() {
        // Berlin springs forward on 2026-03-29 at 02:00 (to 03:00): 02:30 does not exist that day
        assertThat(after("30 2 * * *", "2026-03-28T12:00:00Z", BERLIN)).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
        // and falls back on 2026-10-25 at 03:00 (to 02:00): 02:30 happens twice, both match
        Instant first = after("30 2 * * *", "2026-10-24T12:00:00Z", BERLIN);
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(after("30 2 * * *", first.toString(), BERLIN)).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
        // 09:00 local is 08:00Z in winter, 07:00Z in summer
        assertThat(after("0 9 * * *", "2026-12-03T00:00:00Z", BERLIN)).isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
        assertThat(after("0 9 * * *", "2026-07-03T00:00:00Z", BERLIN)).isEqualTo(Instant.parse("2026-07-03T07:00:00Z"));
        assertThat(CronSchedule.parse("0 9 * * *").matches(Instant.parse("2026-12-03T08:00:00Z"), BERLIN)).isTrue();
    }

    @Test
    void aScheduleThatNeverMatchesHasNoNextMatch() {
        assertThat(after("0 0 30 2 *", "2026-01-01T00:00:00Z", UTC)).isNull();
        assertThat(after("0 0 29 2 *", "2026-01-01T00:00:00Z", UTC)).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("has 4 fields");
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("minute").hasMessageContaining("60");
        assertThatThrownBy(() -> CronSchedule.parse("* 24 * * *")).hasMessageContaining("hour");
        assertThatThrownBy(() -> CronSchedule.parse("* * 0 * *")).hasMessageContaining("day of month");
        assertThatThrownBy(() -> CronSchedule.parse("* * * 13 *")).hasMessageContaining("month");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * 8")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronSchedule.parse("x * * * *")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CronSchedule.parse("1,,2 * * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronSchedule.parse("")).hasMessageContaining("5 fields");
    }
}
