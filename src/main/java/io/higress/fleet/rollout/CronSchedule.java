package io.higress.fleet.rollout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}) as crontab(5) reads it: {@code *},
 * numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists {@code a,b-c}; months and days may be
 * named ({@code jan}, {@code mon}); day of week 0 and 7 are both Sunday. When both day fields are restricted a day
 * matches if either does (Vixie cron's rule), otherwise both must. Matching is on local time in a zone: an instant
 * matches when its minute's local fields do, so a local time skipped by a DST change never matches and one that
 * occurs twice matches twice.
 */
final class CronSchedule {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
            Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    /** How far {@link #firstAfter} looks: a schedule without a match in this span (Feb 30) matches never. */
    static final Duration HORIZON = Duration.ofDays(5 * 366);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], "minute", 0, 59, Map.of());
        this.hours = field(f[1], "hour", 0, 23, Map.of());
        this.daysOfMonth = field(f[2], "day of month", 1, 31, Map.of());
        this.months = field(f[3], "month", 1, 12, MONTHS);
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        this.daysOfWeek = dow;
        this.anyDayOfMonth = f[2].startsWith("*");
        this.anyDayOfWeek = f[4].startsWith("*");
    }

    /** @throws IllegalArgumentException saying which field is wrong */
    static CronSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be a cron schedule of 5 fields: minute hour day-of-month month "
                    + "day-of-week, e.g. '0 22 * * 1-5'");
        }
        if (text.length() > 200) {
            throw new IllegalArgumentException("is longer than 200 characters");
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + text + "' has " + fields.length + " fields, a cron schedule has 5: "
                    + "minute hour day-of-month month day-of-week");
        }
        return new CronSchedule(text.trim(), fields);
    }

    private static BitSet field(String spec, String name, int min, int max, Map<String, Integer> names) {
        BitSet out = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max, Map.of(), spec);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = number(dash >= 0 ? range.substring(0, dash) : range, name, min, max, names, spec);
                to = dash >= 0 ? number(range.substring(dash + 1), name, min, max, names, spec)
                        : slash >= 0 ? max : from; // "5/15": from 5 on, as cron reads it
                if (to < from) {
                    throw new IllegalArgumentException(name + " '" + spec + "': range " + range + " goes backwards");
                }
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return out;
    }

    private static int number(String s, String name, int min, int max, Map<String, Integer> names, String spec) {
        Integer named = names.get(s.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(name + " '" + spec + "': '" + s + "' is not a number from " + min
                    + " to " + max);
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " '" + spec + "': " + v + " is not from " + min + " to " + max);
        }
        return v;
    }

    /** Whether the minute {@code t} falls in, read as local time in {@code zone}, matches. */
    boolean matches(Instant t, ZoneId zone) {
        return matches(LocalDateTime.ofInstant(t, zone));
    }

    private boolean matches(LocalDateTime l) {
        return minutes.get(l.getMinute()) && hours.get(l.getHour()) && months.get(l.getMonthValue()) && day(l);
    }

    private boolean day(LocalDateTime l) {
        boolean dom = daysOfMonth.get(l.getDayOfMonth());
        boolean dow = daysOfWeek.get(l.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : l.getDayOfWeek().getValue());
        if (!anyDayOfMonth && !anyDayOfWeek) {
            return dom || dow;
        }
        return dom && dow;
    }

    /**
     * The start of the first matching minute strictly after {@code after}, or null when none comes within
     * {@link #HORIZON}. Walks real instants (so both occurrences of a repeated local hour are seen), jumping over
     * months, days and hours that cannot match.
     */
    Instant firstAfter(Instant after, ZoneId zone) {
        Instant t = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant until = after.plus(HORIZON);
        while (t.isBefore(until)) {
            LocalDateTime l = LocalDateTime.ofInstant(t, zone);
            Instant next;
            if (!months.get(l.getMonthValue())) {
                next = startOf(l.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(), zone);
            } else if (!day(l)) {
                next = startOf(l.toLocalDate().plusDays(1).atStartOfDay(), zone);
            } else if (!hours.get(l.getHour())) {
                next = t.plus(60 - l.getMinute(), ChronoUnit.MINUTES);
            } else if (!minutes.get(l.getMinute())) {
                int m = minutes.nextSetBit(l.getMinute() + 1);
                next = t.plus((m < 0 ? 60 : m) - l.getMinute(), ChronoUnit.MINUTES);
            } else {
                return t;
            }
            // a jump by local time never goes back (a zone falling back over midnight): then a minute on
            t = next.isAfter(t) ? next : t.plus(1, ChronoUnit.MINUTES);
        }
        return null;
    }

    private static Instant startOf(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.of(local, zone).toInstant().truncatedTo(ChronoUnit.MINUTES);
    }

    @Override
    public String toString() {
        return text;
    }
}
