package io.higress.fleet.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.cluster.FleetConfigurationException;
import io.higress.fleet.security.redaction.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * THE way the facade tells the outside what happened (outbound webhooks, docs/notifications.md): {@link #publish}
 * never blocks and never fails its caller; each configured webhook gets the events of its types, in order, redacted
 * as for a viewer (a receiver is outside the facade), JSON signed with its HMAC key or as a Slack message. Built at
 * start, so that a bad {@code fleet.notifications.*} stops the start and no meter is made on an event loop.
 */
@Startup
@ApplicationScoped
public class Notifier {
    static final int MIN_SECRET_BYTES = 16;

    private final List<Receiver> receivers = new ArrayList<>();
    private final Redaction redaction;
    private final ObjectMapper mapper;
    private final WebClient client;

    public Notifier(NotificationsConfig config, Redaction redaction, ObjectMapper mapper, Vertx vertx,
            MeterRegistry meters) {
        this.redaction = redaction;
        this.mapper = mapper;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        List<String> errors = new ArrayList<>();
        config.webhooks().forEach((name, w) -> {
            String key = "fleet.notifications.webhooks." + name;
            URI url = null;
            try {
                url = URI.create(w.url());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (url == null || url.getHost() == null || !List.of("http", "https").contains(url.getScheme())) {
                errors.add(key + ".url: '" + w.url() + "' is not an http(s) URL");
            }
            Format format = Format.of(w.format()).orElse(null);
            if (format == null) {
                errors.add(key + ".format: '" + w.format() + "' (expected json or slack)");
            }
            if (format == Format.JSON && w.secret().map(s -> s.length() < MIN_SECRET_BYTES).orElse(true)) {
                errors.add(key + ".secret: required for the json format, at least " + MIN_SECRET_BYTES
                        + " characters (the receiver checks the X-Fleet-Signature HMAC with it)");
            }
            Set<EventType> types = EnumSet.allOf(EventType.class);
            if (w.events().isPresent()) {
                types = EnumSet.noneOf(EventType.class);
                for (String t : w.events().get()) {
                    var found = EventType.of(t);
                    if (found.isEmpty()) {
                        errors.add(key + ".events: unknown event type '" + t + "' (expected "
                                + String.join(", ", EnumSet.allOf(EventType.class).stream().map(EventType::wire)
                                .toList()) + ")");
                    }
                    found.ifPresent(types::add);
                }
            }
            if (w.queue() < 1) {
                errors.add(key + ".queue: at least 1");
            }
            if (errors.isEmpty()) {
                receivers.add(new Receiver(name, w, types, format, config, client, vertx, mapper, meters));
            }
        });
        if (!errors.isEmpty()) {
            throw new FleetConfigurationException(errors);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Whether any webhook takes {@code type}: callers skip building an event nobody gets. */
    public boolean wanted(EventType type) {
        return receivers.stream().anyMatch(r -> r.wants(type));
    }

    /**
     * Queues the event for every webhook taking its type. {@code data}: any JSON-serialisable value; secrets in it
     * and in {@code summary} are redacted.
     */
    public void publish(EventType type, String summary, Object data) {
        if (!wanted(type)) {
            return;
        }
        JsonNode tree = redaction.redact(data instanceof JsonNode n ? n : mapper.valueToTree(data));
        Event event = new Event(UUID.randomUUID().toString(), type.wire(), Instant.now(), redaction.redact(summary),
                tree);
        receivers.stream().filter(r -> r.wants(type)).forEach(r -> r.offer(event));
    }
}
