package io.higress.fleet.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code fleet.notifications.*}: outbound webhooks (docs/notifications.md). */
@ConfigMapping(prefix = "fleet.notifications")
public interface NotificationsConfig {

    /** Receiver name -> where and how its events go. */
    Map<String, Webhook> webhooks();

    /** Retries of a failed delivery: doubling from {@code min-backoff} up to {@code max-backoff}. */
    @WithDefault("1s")
    Duration minBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    interface Webhook {
        /** http(s) URL the events are POSTed to. */
        String url();

        /** HMAC-SHA256 key of the signature header; required for the {@code json} format. */
        Optional<String> secret();

        /** {@code json} (the event, signed) or {@code slack} (a Slack incoming-webhook message). */
        @WithDefault("json")
        String format();

        /** Event types sent (default: all): rollout.state-changed, desired-state.drifted, ... */
        Optional<List<String>> events();

        /** One delivery attempt's limit. */
        @WithDefault("5s")
        Duration timeout();

        /** An event still not delivered after this long is dropped (logged, counted). */
        @WithDefault("1h")
        Duration giveUpAfter();

        /** Events waiting for this receiver at most; beyond, the oldest is dropped (logged, counted). */
        @WithDefault("10000")
        int queue();
    }
}
