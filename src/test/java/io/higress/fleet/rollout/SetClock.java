package io.higress.fleet.rollout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets: time windows are judged on it, so a test moves time instead of waiting for it. */
final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
        this.now = now;
    }

    void set(Instant time) {
        now = time;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
