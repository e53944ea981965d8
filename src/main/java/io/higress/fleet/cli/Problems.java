package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The facade's problems (application/problem+json, docs/errors.md) as a person reads them: what failed and where
 * (cluster, gateway, upstream), the hint, the request id to quote, and every field error or failed target.
 */
final class Problems {
    private static final int EXCERPT = 300;

    private Problems() {
    }

    /** The problem of an error answer; an answer that is no problem (a proxy's HTML page) becomes one. */
    static JsonNode parse(int status, String contentType, byte[] body) {
        if (contentType.contains("json")) {
            try {
                JsonNode tree = Json.JSON.readTree(body);
                if (tree != null && tree.isObject() && tree.has("status")) {
                    return tree;
                }
            } catch (IOException notJson) {
                // described below
            }
        }
        ObjectNode p = Json.JSON.createObjectNode();
        p.put("title", "HTTP " + status);
        p.put("status", status);
        String text = new String(body, StandardCharsets.UTF_8).strip();
        p.put("detail", text.isEmpty() ? "no body" : excerpt(text));
        p.put("hint", "this answer is not the facade's problem JSON: is the URL the facade's, not a proxy's?");
        return p;
    }

    static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…";
    }

    /** "error: " and the problem, then its details indented. */
    static List<String> lines(JsonNode problem, Credential credential) {
        List<String> lines = new ArrayList<>();
        lines.add("error: " + headline(problem));
        details(problem, "  ", lines);
        if (Json.integer(problem, "status") == 401 && credential != null && !credential.note().isEmpty()) {
            lines.add("  " + credential.note());
        }
        return lines;
    }

    /** A failed target's problem below its name (a cluster in a plan, a gateway in a fleet read). */
    static List<String> nested(JsonNode problem, String indent) {
        List<String> lines = new ArrayList<>();
        lines.add(indent + headline(problem));
        details(withoutLocation(problem), indent + "  ", lines);
        return lines;
    }

    /** {@code Not found (404): unknown cluster 'stage'}. */
    static String headline(JsonNode problem) {
        String title = Json.text(problem, "title");
        String detail = Json.text(problem, "detail");
        StringBuilder s = new StringBuilder(title == null ? "error" : title);
        if (problem.has("status")) {
            s.append(" (").append(Json.integer(problem, "status")).append(')');
        }
        if (detail != null && !detail.equals(title)) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    private static void details(JsonNode problem, String indent, List<String> lines) {
        List<String> where = new ArrayList<>();
        for (String field : List.of("cluster", "gateway")) {
            if (Json.text(problem, field) != null) {
                where.add(field + " " + Json.text(problem, field));
            }
        }
        JsonNode upstream = problem.get("upstream");
        if (upstream != null && upstream.isObject()) {
            StringBuilder u = new StringBuilder("upstream ").append(Json.text(upstream, "kind"));
            if (upstream.has("status")) {
                u.append(" answered ").append(Json.integer(upstream, "status"));
            }
            if (Json.text(upstream, "reason") != null) {
                u.append(" (").append(Json.text(upstream, "reason")).append(')');
            }
            where.add(u.toString());
        }
        if (!where.isEmpty()) {
            lines.add(indent + String.join(", ", where));
        }
        if (Json.text(problem, "hint") != null) {
            lines.add(indent + "hint: " + Json.text(problem, "hint"));
        }
        JsonNode errors = problem.get("errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors) {
                if (e.has("field")) {
                    lines.add(indent + "- " + Json.text(e, "field") + ": " + Json.text(e, "message"));
                } else {
                    String target = Json.text(e, "cluster");
                    if (Json.text(e, "gateway") != null) {
                        target = target + "/" + Json.text(e, "gateway");
                    }
                    lines.add(indent + "- " + (target == null ? "" : target + ": ") + headline(e));
                    details(withoutLocation(e), indent + "    ", lines);
                }
            }
        }
        if (Json.text(problem, "requestId") != null) {
            lines.add(indent + "request id: " + Json.text(problem, "requestId"));
        }
    }

    /** A target's problem under its own name need not say its cluster and gateway again. */
    private static JsonNode withoutLocation(JsonNode e) {
        if (!e.isObject()) {
            return e;
        }
        ObjectNode copy = e.deepCopy();
        copy.remove(List.of("cluster", "gateway"));
        return copy;
    }
}
