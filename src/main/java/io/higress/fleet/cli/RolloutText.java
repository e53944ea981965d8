package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rollout (contract §6) for people: a headline, then one line per cluster and wave. */
final class RolloutText {
    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled", "rolled-back");

    private RolloutText() {
    }

    static boolean finished(JsonNode rollout) {
        return TERMINAL.contains(Json.text(rollout, "state"));
    }

    /** {@code rollout 6f1c… canary running, wave 2/3 (waitTime 5m, onFailure rollback)}. */
    static String headline(JsonNode r) {
        return "rollout " + Json.text(r, "id") + " " + Json.text(r, "strategy") + " " + Json.text(r, "state")
                + ", wave " + Json.integer(r, "currentWave") + "/" + Json.integer(r, "waveCount")
                + " (waitTime " + Json.text(r, "waitTime") + ", onFailure " + Json.text(r, "onFailure") + ")";
    }

    static List<String> lines(JsonNode r) {
        List<String> lines = new ArrayList<>();
        lines.add(headline(r));
        Table table = new Table("WAVE", "CLUSTER", "STATE", "ACTIONS", "ERROR");
        int wave = 0;
        for (JsonNode w : r.path("waves")) {
            wave++;
            for (JsonNode c : w.path("clusters")) {
                table.row(String.valueOf(wave), Json.text(c, "name"), Json.text(c, "state"), Json.cell(c.get("actions")),
                        Json.text(c, "error"));
            }
        }
        StringWriter s = new StringWriter();
        table.print(new PrintWriter(s));
        s.toString().lines().map(l -> "  " + l).forEach(lines::add);
        if (Json.text(r, "reason") != null) {
            lines.add("reason: " + Json.text(r, "reason"));
        }
        return lines;
    }

    /** {@code 6f1c…  canary  3 waves  running  by alice at ...}: one line of a list. */
    static Table list(JsonNode items) {
        Table table = new Table("ID", "STRATEGY", "STATE", "WAVE", "CREATED BY", "CREATED AT");
        for (JsonNode r : items) {
            table.row(Json.text(r, "id"), Json.text(r, "strategy"), Json.text(r, "state"),
                    Json.integer(r, "currentWave") + "/" + Json.integer(r, "waveCount"), Json.text(r, "createdBy"),
                    Json.text(r, "createdAt"));
        }
        return table;
    }
}
