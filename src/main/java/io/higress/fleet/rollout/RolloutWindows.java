package io.higress.fleet.rollout;

import io.higress.fleet.problem.Problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout's time windows, compiled: whether a wave may start at an instant, and if not, why and when it may. A
 * wave may start when no deny window is open and, if any allow window is given, one is open (Argo CD's sync
 * windows read so too). Only the start of a wave is held: a wave that started finishes even if a window closes.
 */
final class RolloutWindows {
    static final Duration MIN_DURATION = Duration.ofMinutes(1);
    static final Duration MAX_DURATION = Duration.ofDays(31);
    /** The search for the next opening gives up after this many steps (each at least a minute). */
    private static final int MAX_STEPS = 100_000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One compiled window; {@code index} is its place in the request ({@code windows[index]}). */
    @RegisterForReflection
    record Window(int index, boolean deny, CronSchedule schedule, Duration duration, ZoneId zone) {
        /** The first match in (t - duration, t]: the window is open at t since then; null when closed at t. */
        Instant openSince(Instant t) {
            Instant m = schedule.firstAfter(t.minus(duration), zone);
            return m != null && !m.isAfter(t) ? m : null;
        }

        String describe() {
            return (deny ? "deny" : "allow") + " window windows[" + index + "] ('" + schedule + "' for "
                    + human(duration) + ", " + zone.getId() + ")";
        }
    }

    /** Whether a wave may start now; else the closing windows' description and the next opening (null: none). */
    @RegisterForReflection
    record Verdict(boolean open, String why, Instant opensAt) {
    }

    private final List<Window> windows;

    private RolloutWindows(List<Window> windows) {
        this.windows = windows;
    }

    static RolloutWindows of(List<WindowSpec> specs) {
        List<Window> out = new ArrayList<>();
        if (specs != null) {
            for (int i = 0; i < specs.size(); i++) {
                out.add(compile(specs.get(i), i));
            }
        }
        return new RolloutWindows(out);
    }

    boolean none() {
        return windows.isEmpty();
    }

    /** Every mistake of {@code specs}, named {@code windows[i].field}. */
    static List<FieldError> check(List<WindowSpec> specs) {
        List<FieldError> errors = new ArrayList<>();
        if (specs == null) {
            return errors;
        }
        for (int i = 0; i < specs.size(); i++) {
            WindowSpec w = specs.get(i);
            String at = "windows[" + i + "]";
            if (w == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            if (!WindowSpec.ALLOW.equals(w.type()) && !WindowSpec.DENY.equals(w.type())) {
                errors.add(new FieldError(at + ".type", "must be allow or deny"));
            }
            ZoneId zone = ZoneOffset.UTC;
            try {
                zone = zone(w.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError(at + ".timeZone", "'" + w.timeZone() + "' is not a time zone (an IANA "
                        + "name such as Europe/Berlin, or UTC)"));
            }
            try {
                CronSchedule s = CronSchedule.parse(w.schedule());
                if (s.firstAfter(Instant.parse("2000-01-01T00:00:00Z"), zone) == null) {
                    errors.add(new FieldError(at + ".schedule", "'" + w.schedule() + "' never matches"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".schedule", e.getMessage()));
            }
            try {
                Duration d = duration(w.duration());
                if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
                    errors.add(new FieldError(at + ".duration", "must be from 1m to 31 days"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".duration", e.getMessage()));
            }
        }
        return errors;
    }

    private static Window compile(WindowSpec w, int index) {
        return new Window(index, WindowSpec.DENY.equals(w.type()), CronSchedule.parse(w.schedule()),
                duration(w.duration()), zone(w.timeZone()));
    }

    static ZoneId zone(String name) {
        return name == null ? ZoneOffset.UTC : ZoneId.of(name);
    }

    /** Go syntax (2h, 90m) or ISO-8601 (PT2H); absent: one minute. */
    static Duration duration(String text) {
        if (text == null) {
            return MIN_DURATION;
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration (PT2H, P1DT12H)");
            }
        }
        return GoDuration.parse(text);
    }

    /** Whether a wave may start at {@code t}; if not, which windows hold it and when it may. */
    Verdict at(Instant t) {
        String why = closedBy(t);
        if (why == null) {
            return new Verdict(true, null, null);
        }
        return new Verdict(false, why, nextOpening(t));
    }

    boolean openAt(Instant t) {
        return closedBy(t) == null;
    }

    /** Null when a wave may start at {@code t}, else the windows that hold it. */
    private String closedBy(Instant t) {
        List<String> deny = new ArrayList<>();
        boolean anyAllow = false;
        boolean allowOpen = false;
        for (Window w : windows) {
            boolean open = w.openSince(t) != null;
            if (w.deny() && open) {
                deny.add(w.describe());
            } else if (!w.deny()) {
                anyAllow = true;
                allowOpen |= open;
            }
        }
        if (!deny.isEmpty()) {
            return "inside " + String.join(", ", deny);
        }
        if (anyAllow && !allowOpen) {
            return "outside every allow window (" + String.join(", ", windows.stream().filter(w -> !w.deny())
                    .map(Window::describe).toList()) + ")";
        }
        return null;
    }

    /**
     * The first instant after {@code t} at which a wave may start, or null when none comes within a year. Steps
     * from one possible change to the next: the end of an open deny window's match, the next match of an allow
     * window; each step moves forward, and the verdict is taken again there.
     */
    Instant nextOpening(Instant t) {
        Instant c = t;
        Instant until = t.plus(Duration.ofDays(366));
        for (int i = 0; i < MAX_STEPS && c.isBefore(until); i++) {
            if (closedBy(c) == null) {
                return c;
            }
            Instant next = null;
            boolean allowOpen = false;
            for (Window w : windows) {
                allowOpen |= !w.deny() && w.openSince(c) != null;
            }
            for (Window w : windows) {
                Instant candidate = null;
                if (w.deny()) {
                    Instant since = w.openSince(c);
                    candidate = since == null ? null : since.plus(w.duration());
                } else if (!allowOpen) {
                    candidate = w.schedule().firstAfter(c, w.zone());
                }
                if (candidate != null && candidate.isAfter(c) && (next == null || candidate.isBefore(next))) {
                    next = candidate;
                }
            }
            if (next == null) {
                return null;
            }
            c = next;
        }
        return null;
    }

    /** {@code t} as UTC and as local time in the zones of the windows ("2026-12-07T08:00:00Z, 09:00 Europe/Berlin"). */
    String when(Instant t) {
        StringBuilder sb = new StringBuilder(t.truncatedTo(ChronoUnit.SECONDS).toString());
        windows.stream().map(Window::zone).distinct().filter(z -> !z.equals(ZoneOffset.UTC))
                .forEach(z -> sb.append(", ").append(LOCAL.format(t.atZone(z))).append(' ').append(z.getId()));
        return sb.toString();
    }

    static String human(Duration d) {
        if (d.toSecondsPart() == 0 && d.toNanosPart() == 0 && d.toMinutes() > 0) {
            if (d.toMinutesPart() == 0) {
                return d.toHours() + "h";
            }
            return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
