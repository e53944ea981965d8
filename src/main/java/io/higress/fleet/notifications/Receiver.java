package io.higress.fleet.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * One webhook: its events in the order they happened, one delivery at a time, so the receiver sees them in order.
 * A failed attempt (no answer, a timeout, anything but 2xx) is tried again after a doubling backoff; the events
 * behind it wait. An event not delivered within {@code give-up-after}, or pushed out of a full queue, is dropped with
 * a log line and a counter: the facade never blocks on a receiver.
 */
final class Receiver {
    private static final Logger LOG = Logger.getLogger(Receiver.class);
    static final String SIGNATURE = "X-Fleet-Signature";

    /** What the facade is sending: the event's body and when it was first tried. */
    private static final class Pending {
        final Event event;
        final byte[] body;
        Instant first;
        int attempts;

        Pending(Event event, byte[] body) {
            this.event = event;
            this.body = body;
        }
    }

    private final String name;
    private final String url;
    private final SecretKeySpec key;
    private final Set<EventType> types;
    private final Format format;
    private final Duration timeout;
    private final Duration giveUpAfter;
    private final int capacity;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final WebClient client;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final Counter delivered;
    private final Counter dropped;
    private final Counter failedAttempts;

    private final Deque<Pending> queue = new ArrayDeque<>();
    private boolean sending;

    Receiver(String name, NotificationsConfig.Webhook config, Set<EventType> types, Format format,
            NotificationsConfig retries, WebClient client, Vertx vertx, ObjectMapper mapper, MeterRegistry meters) {
        this.name = name;
        this.url = config.url();
        this.key = config.secret().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .orElse(null);
        this.types = types;
        this.format = format;
        this.timeout = config.timeout();
        this.giveUpAfter = config.giveUpAfter();
        this.capacity = config.queue();
        this.minBackoff = retries.minBackoff();
        this.maxBackoff = retries.maxBackoff();
        this.client = client;
        this.vertx = vertx;
        this.mapper = mapper;
        this.delivered = Counter.builder("fleet_notifications").tag("webhook", name).tag("outcome", "delivered")
                .description("events delivered to a webhook, or dropped").register(meters);
        this.dropped = Counter.builder("fleet_notifications").tag("webhook", name).tag("outcome", "dropped")
                .description("events delivered to a webhook, or dropped").register(meters);
        this.failedAttempts = Counter.builder("fleet_notification_failed_attempts").tag("webhook", name)
                .description("delivery attempts a webhook did not accept (each is tried again)").register(meters);
        meters.gauge("fleet_notifications_queued", java.util.List.of(io.micrometer.core.instrument.Tag.of("webhook",
                name)), this, Receiver::queued);
    }

    boolean wants(EventType type) {
        return types.contains(type);
    }

    synchronized double queued() {
        return queue.size();
    }

    synchronized void offer(Event event) {
        Pending incoming = new Pending(event, body(event));
        if (queue.size() >= capacity) { // the oldest that is not on its way goes
            var it = queue.iterator();
            Pending oldest = it.next();
            if (sending) {
                oldest = it.hasNext() ? it.next() : null;
            }
            String why = "the queue is full (" + capacity + " events)";
            if (oldest == null) {
                drop(incoming, why);
                return;
            }
            it.remove();
            drop(oldest, why);
        }
        queue.addLast(incoming);
        if (!sending) {
            next();
        }
    }

    /** Sends the head, if any; called holding the lock. */
    private void next() {
        Pending p = queue.peekFirst();
        sending = p != null;
        if (p != null) {
            send(p);
        }
    }

    private void send(Pending p) {
        if (p.first == null) {
            p.first = Instant.now();
        }
        p.attempts++;
        var request = client.postAbs(url).timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "higress-fleet")
                .putHeader("X-Fleet-Event", p.event.type())
                .putHeader("X-Fleet-Delivery", p.event.id());
        if (key != null) {
            request.putHeader(SIGNATURE, signature(p.body, Instant.now().getEpochSecond()));
        }
        request.sendBuffer(Buffer.buffer(p.body)).subscribe().with(
                r -> settled(p, r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode()),
                t -> settled(p, t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())));
    }

    private synchronized void settled(Pending p, String failure) {
        if (failure == null) {
            queue.remove(p);
            delivered.increment();
            next();
            return;
        }
        failedAttempts.increment();
        if (Duration.between(p.first, Instant.now()).compareTo(giveUpAfter) >= 0) {
            queue.remove(p);
            drop(p, "not delivered within " + giveUpAfter + " (" + p.attempts + " attempts, last: " + failure + ")");
            next();
            return;
        }
        long factor = 1L << Math.min(p.attempts - 1, 20);
        long delay = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() * factor);
        LOG.debugf("webhook %s: event %s not delivered (%s); trying again in %d ms", name, p.event.id(), failure,
                delay);
        vertx.setTimer(Math.max(1, delay), t -> {
            synchronized (this) {
                send(p);
            }
        });
    }

    private void drop(Pending p, String why) {
        dropped.increment();
        LOG.warnf("webhook %s: event %s (%s) dropped: %s", name, p.event.id(), p.event.type(), why);
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}: a receiver checks both, and the age of t. */
    String signature(byte[] body, long t) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] body(Event e) {
        ObjectNode o = mapper.createObjectNode();
        if (format == Format.SLACK) {
            o.put("text", "Higress Fleet: " + e.summary());
        } else {
            o.put("id", e.id()).put("type", e.type()).put("time", e.time().toString()).put("summary", e.summary());
            o.set("data", e.data());
        }
        try {
            return mapper.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
