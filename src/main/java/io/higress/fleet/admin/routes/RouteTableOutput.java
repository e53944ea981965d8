package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.stream.StreamFraming;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The route table's three outputs: {@code ?output=json|table|ndjson}, else by {@code Accept}
 * ({@code text/plain}: the table, {@code application/x-ndjson}: one row per line then
 * {@code {"summary","partial","unavailable"}}), else JSON.
 */
public enum RouteTableOutput {
    JSON("application/json"), TABLE("text/plain; charset=utf-8"), NDJSON("application/x-ndjson");

    private final String contentType;

    RouteTableOutput(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** A 400 naming {@code output} for anything but the three. */
    public static RouteTableOutput of(String output, String accept) {
        if (output != null) {
            return Arrays.stream(values()).filter(o -> o.name().equalsIgnoreCase(output)).findFirst()
                    .orElseThrow(() -> new ProblemException(Problem.invalid("output", "json, table or ndjson")));
        }
        String preferred = StreamFraming.preferred(accept);
        if (NDJSON.contentType.equals(preferred)) {
            return NDJSON;
        }
        return "text/plain".equals(preferred) ? TABLE : JSON;
    }

    /** The body for {@link #TABLE} and {@link #NDJSON} ({@link #JSON} is the answer itself). */
    public String text(RouteTableAnswer answer, ObjectMapper json) {
        return this == NDJSON ? ndjson(answer, json) : table(answer);
    }

    private static String ndjson(RouteTableAnswer answer, ObjectMapper json) {
        try {
            StringBuilder sb = new StringBuilder();
            for (RouteRow row : answer.items()) {
                sb.append(json.writeValueAsString(row)).append('\n');
            }
            Map<String, Object> tail = new LinkedHashMap<>();
            tail.put("summary", answer.summary());
            tail.put("partial", answer.partial());
            tail.put("unavailable", answer.unavailable());
            return sb.append(json.writeValueAsString(tail)).append('\n').toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String table(RouteTableAnswer answer) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"ROUTE CONFIG", "VIRTUAL HOST", "MATCH", "UPSTREAMS", "VERSION", "GATEWAYS", "DIFFERS"});
        for (RouteRow r : answer.items()) {
            lines.add(new String[] {String.valueOf(r.routeConfig()), String.valueOf(r.virtualHost()),
                match(r), upstreams(r), shortVersion(r.version()),
                r.gateways().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().size())
                        .collect(Collectors.joining(",")),
                r.differences() == null ? "-" : r.differences().stream().map(d -> d.between()
                        + (d.cluster() != null ? "[" + d.cluster() + "]" : "") + ":" + String.join("+", d.what()))
                        .collect(Collectors.joining(" "))});
        }
        int[] width = new int[lines.get(0).length];
        lines.forEach(l -> {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                sb.append(i == l.length - 1 ? l[i] : String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", l[i]));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "# %d rows; gateways: %d asked, %d answered, %d failed%n",
                answer.items().size(), answer.summary().total(), answer.summary().ok(), answer.summary().failed()));
        for (FleetItem i : answer.unavailable()) {
            sb.append("# unavailable ").append(i.cluster()).append('/').append(i.gateway()).append(": ")
                    .append(i.error().status()).append(' ').append(i.error().title())
                    .append(i.error().detail() == null ? "" : " - " + i.error().detail()).append('\n');
        }
        return sb.toString();
    }

    /** {@code prefix=/v1 :authority=exact:www.example.com}: the match's fields, headers by name. */
    private static String match(RouteRow r) {
        List<String> parts = new ArrayList<>();
        r.match().fields().forEachRemaining(f -> {
            if (f.getKey().equals("headers")) {
                f.getValue().forEach(h -> parts.add(h.path("name").asText() + "="
                        + (h.has("string_match") ? compact(h.get("string_match")) : compact(h))));
            } else {
                parts.add(f.getKey() + "=" + compact(f.getValue()));
            }
        });
        return parts.isEmpty() ? "(any)" : String.join(" ", parts);
    }

    private static String compact(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isValueNode()) {
            return n.asText();
        }
        if (n.isObject() && n.size() == 1) {
            var f = n.fields().next();
            if (f.getKey().equals("name") || f.getKey().equals("regex")) {
                return compact(f.getValue());
            }
            return f.getKey() + ":" + compact(f.getValue());
        }
        return n.toString();
    }

    private static String upstreams(RouteRow r) {
        if (r.upstreams() == null || r.upstreams().isEmpty()) {
            return r.action() == null ? "-" : r.action();
        }
        return r.upstreams().stream().map(Upstream::toString).collect(Collectors.joining(","));
    }

    private static String shortVersion(String v) {
        return v == null ? "-" : v.length() > 16 ? v.substring(0, 16) + "…" : v;
    }
}
