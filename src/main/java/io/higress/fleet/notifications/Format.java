package io.higress.fleet.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a webhook's events are written: the event itself, or a Slack incoming-webhook message. */
enum Format {
    JSON, SLACK;

    static Optional<Format> of(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name.toUpperCase(Locale.ROOT))).findFirst();
    }
}
