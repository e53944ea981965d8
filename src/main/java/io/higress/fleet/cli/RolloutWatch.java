package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Follows a rollout's server-sent events ({@code GET /api/v1/rollouts/{id}/events}) until it ends: a person's
 * terminal shows the rollout redrawn in place after each change; a CI log gets one line per change.
 *
 * <p>Once the stream is open the rollout is read whole, so a change made between that read and the subscription
 * is not missed; events not newer than what was read ({@code at} against {@code updatedAt}) are skipped. A stream
 * that breaks (the facade restarted) is opened again the same way.
 */
final class RolloutWatch {
    private static final int MAX_RECONNECTS = 30;
    private static final long RECONNECT_PAUSE_MS = 1000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final FleetClient client;
    private final PrintWriter out;
    private final boolean live;
    private ObjectNode rollout;
    private Instant readAt = Instant.MIN;
    private int drawn;

    RolloutWatch(FleetClient client, PrintWriter out, boolean live) {
        this.client = client;
        this.out = out;
        this.live = live;
    }

    /** Follows until the rollout ends; answers the final rollout. */
    JsonNode follow(String id) {
        String path = RolloutCommand.path(id);
        rollout = read(path);
        if (live) {
            redraw();
        } else if (!RolloutText.finished(rollout)) {
            out.println(RolloutText.headline(rollout));
        }
        int lost = 0;
        while (!RolloutText.finished(rollout)) {
            try (ServerSentEvents events = new ServerSentEvents(client.stream(path + "/events", null,
                    "text/event-stream"))) {
                lost = 0;
                sync(read(path));
                for (ServerSentEvents.Event e = events.next(); e != null; e = events.next()) {
                    if (e.name().equals("state")) {
                        apply(Json.JSON.readTree(e.data()));
                    }
                }
                sync(read(path)); // the stream ended: the rollout did, or the connection broke
            } catch (IOException | CliFailure broken) {
                if (++lost > MAX_RECONNECTS) {
                    throw CliFailure.failed("lost the events of rollout " + id + ": " + broken.getMessage(), broken);
                }
                out.println("(the event stream broke: " + broken.getMessage() + "; reconnecting)");
                pause();
            }
        }
        if (live) {
            redraw();
        } else {
            RolloutText.lines(rollout).forEach(out::println);
        }
        String state = Json.text(rollout, "state");
        String reason = Json.text(rollout, "reason");
        out.println("rollout " + Json.text(rollout, "id") + " " + state
                + (reason == null || reason.equals(state) ? "" : ": " + reason));
        return rollout;
    }

    private ObjectNode read(String path) {
        return (ObjectNode) client.get(path, null).json();
    }

    /** The rollout as just read: what changed since the last view is shown, then it is the view. */
    private void sync(ObjectNode now) {
        String at = time(Json.text(now, "updatedAt"));
        for (JsonNode wave : now.path("waves")) {
            for (JsonNode c : wave.path("clusters")) {
                JsonNode before = cluster(Json.text(c, "name"));
                if (before == null || !Json.text(c, "state").equals(Json.text(before, "state"))) {
                    show(at, Json.text(c, "name"), Json.text(c, "state"), Json.text(c, "error"));
                }
            }
        }
        boolean changed = !Json.text(now, "state").equals(Json.text(rollout, "state"))
                || Json.integer(now, "currentWave") != Json.integer(rollout, "currentWave");
        rollout = now;
        if (Json.text(now, "updatedAt") != null) {
            readAt = Instant.parse(Json.text(now, "updatedAt"));
        }
        if (changed) {
            showRollout(at);
        }
    }

    /** An event: one cluster's state, or the rollout's state and wave. */
    private void apply(JsonNode event) {
        Instant instant = Json.text(event, "at") == null ? null : Instant.parse(Json.text(event, "at"));
        if (instant != null && !instant.isAfter(readAt)) {
            return; // already in the view read after subscribing
        }
        String at = time(Json.text(event, "at"));
        String name = Json.text(event, "cluster");
        String state = Json.text(event, "clusterState");
        ObjectNode c = name == null ? null : cluster(name);
        if (c != null && state != null && !state.equals(Json.text(c, "state"))) {
            c.put("state", state);
            String error = Json.text(event, "error");
            if (error != null) {
                c.put("error", error);
            }
            show(at, name, state, error);
        }
        String rolloutState = Json.text(event, "state");
        int wave = Json.integer(event, "currentWave");
        boolean changed = rolloutState != null && !rolloutState.equals(Json.text(rollout, "state"))
                || wave != Json.integer(rollout, "currentWave");
        if (rolloutState != null) {
            rollout.put("state", rolloutState);
        }
        rollout.put("currentWave", wave);
        if (Json.text(event, "reason") != null) {
            rollout.put("reason", Json.text(event, "reason"));
        }
        if (changed) {
            showRollout(at);
        }
    }

    private void show(String at, String cluster, String state, String error) {
        step(at + " " + cluster + ": " + state + (error == null ? "" : ": " + error));
    }

    private void showRollout(String at) {
        String state = Json.text(rollout, "state");
        String reason = Json.text(rollout, "reason");
        step(at + " rollout " + state + ", wave " + Json.integer(rollout, "currentWave") + "/"
                + Json.integer(rollout, "waveCount") + (reason == null ? "" : ": " + reason)
                + ("paused".equals(state) ? " (fleetctl rollout resume " + Json.text(rollout, "id") + ")" : ""));
    }

    private void step(String line) {
        if (live) {
            redraw();
        } else {
            out.println(line);
        }
    }

    /** The rollout's lines drawn over the previous drawing (cursor up, clear to the end of the screen). */
    private void redraw() {
        List<String> lines = RolloutText.lines(rollout);
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "F\u001b[J");
        }
        lines.forEach(out::println);
        out.flush();
        drawn = lines.size();
    }

    private ObjectNode cluster(String name) {
        for (JsonNode wave : rollout.path("waves")) {
            for (JsonNode c : wave.path("clusters")) {
                if (name.equals(Json.text(c, "name"))) {
                    return (ObjectNode) c;
                }
            }
        }
        return null;
    }

    private static String time(String at) {
        return at == null ? "--:--:--" : CLOCK.format(LocalTime.ofInstant(Instant.parse(at), ZoneId.systemDefault()));
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted", e);
        }
    }
}
