package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A write answer ({@code {results, summary, dryRun}}, docs/resources.md) as a diff per cluster: each object with its
 * action, each changed field with its old ({@code -}) and new ({@code +}) value, failures with their problem, and a
 * last line counting the actions. Values under secret keys are hidden ({@link Secrets}).
 */
final class PlanText {
    /** Counts of a plan or write, by action; the answer's own words (create, created) map to one action. */
    record Counts(Map<Action, Integer> byAction) {
        static Counts of(JsonNode answer) {
            Map<Action, Integer> counts = new EnumMap<>(Action.class);
            answer.path("results").forEach(r -> counts.merge(Action.of(Json.text(r, "status")), 1, Integer::sum));
            return new Counts(counts);
        }

        int of(Action a) {
            return byAction.getOrDefault(a, 0);
        }

        boolean changes() {
            return of(Action.CREATE) + of(Action.UPDATE) + of(Action.DELETE) > 0;
        }
    }

    enum Action {
        CREATE("+", "to create", "created"), UPDATE("~", "to update", "updated"), DELETE("-", "to delete", "deleted"),
        UNCHANGED("=", "unchanged", "unchanged"), ERROR("!", "failed", "failed");

        final String symbol;
        final String planned;
        final String done;

        Action(String symbol, String planned, String done) {
            this.symbol = symbol;
            this.planned = planned;
            this.done = done;
        }

        static Action of(String status) {
            return switch (status == null ? "error" : status) {
                case "create", "created" -> CREATE;
                case "update", "updated" -> UPDATE;
                case "delete", "deleted" -> DELETE;
                case "unchanged" -> UNCHANGED;
                default -> ERROR;
            };
        }
    }

    private final PrintWriter out;
    private final Style style;

    PlanText(Terminal terminal) {
        this.out = terminal.out;
        this.style = terminal.style;
    }

    Counts print(JsonNode answer) {
        boolean dryRun = answer.path("dryRun").asBoolean();
        Map<String, List<JsonNode>> byCluster = new LinkedHashMap<>();
        answer.path("results").forEach(r -> byCluster.computeIfAbsent(Json.text(r, "cluster"), c -> new ArrayList<>())
                .add(r));
        for (Map.Entry<String, List<JsonNode>> cluster : byCluster.entrySet()) {
            out.println(style.bold(cluster.getKey()));
            int unchanged = 0;
            for (JsonNode result : cluster.getValue()) {
                Action action = Action.of(Json.text(result, "status"));
                if (action == Action.UNCHANGED) {
                    unchanged++;
                } else {
                    object(result, action);
                }
            }
            if (unchanged > 0) {
                out.println("  " + Action.UNCHANGED.symbol + " " + unchanged + " unchanged");
            }
        }
        Counts counts = Counts.of(answer);
        List<String> parts = new ArrayList<>();
        for (Action a : Action.values()) {
            if (counts.of(a) > 0) {
                parts.add(counts.of(a) + " " + (dryRun ? a.planned : a.done));
            }
        }
        out.println();
        out.println((dryRun ? "Plan: " : "Applied: ") + (parts.isEmpty() ? "no objects" : String.join(", ", parts))
                + " in " + byCluster.size()
                + (byCluster.size() == 1 ? " cluster" : " clusters")
                + (dryRun ? " (dry run: nothing was written)" : ""));
        return counts;
    }

    private void object(JsonNode result, Action action) {
        String object = Json.text(result, "kind") + " " + Json.text(result, "namespace") + "/" + Json.text(result, "name");
        out.println("  " + paint(action, action.symbol + " " + object) + " (" + Json.text(result, "status") + ")");
        if (action == Action.ERROR && result.hasNonNull("error")) {
            Problems.nested(result.get("error"), "      ").forEach(out::println);
        }
        for (JsonNode change : result.path("changes")) {
            String pointer = Json.text(change, "path");
            out.println("      " + pointer);
            value("-", Secrets.at(pointer, change.get("from")));
            value("+", Secrets.at(pointer, change.get("to")));
        }
    }

    private void value(String sign, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        for (String line : Json.yaml(value).split("\n")) {
            String text = "        " + sign + " " + line;
            out.println(sign.equals("-") ? style.removed(text) : style.added(text));
        }
    }

    private String paint(Action action, String text) {
        return switch (action) {
            case CREATE -> style.added(text);
            case DELETE, ERROR -> style.removed(text);
            default -> style.changed(text);
        };
    }
}
