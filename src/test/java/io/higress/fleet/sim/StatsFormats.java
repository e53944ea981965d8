package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.arr;
import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Renders stats as {@code /stats} (text, JSON) and {@code /stats/prometheus} (text format 0.0.4) answer them. */
final class StatsFormats {

    private StatsFormats() {
    }

    /** Applies {@code filter} (regex searched in the admin name), {@code usedonly} and {@code type}. */
    static List<Stat> select(List<Stat> stats, Map<String, String> params) {
        Pattern filter = params.containsKey("filter") ? Pattern.compile(params.get("filter")) : null;
        boolean usedOnly = params.containsKey("usedonly");
        String type = params.getOrDefault("type", "All");
        List<Stat> selected = new ArrayList<>();
        for (Stat s : stats) {
            if ((filter == null || filter.matcher(s.name()).find()) && (!usedOnly || s.used())
                    && (type.equals("All") || type.equalsIgnoreCase(s.type().name() + "s"))) {
                selected.add(s);
            }
        }
        return selected;
    }

    static AdminResponse answer(List<Stat> stats, Map<String, String> params, boolean prometheus) {
        List<Stat> selected;
        try {
            selected = select(stats, params);
        } catch (PatternSyntaxException e) {
            return AdminResponse.text(400, "Invalid re2 regex\n");
        }
        String format = prometheus ? "prometheus" : params.getOrDefault("format", "text");
        return switch (format) {
            case "prometheus" -> AdminResponse.text(200, prometheus(selected)).withType(AdminResponse.PROMETHEUS);
            case "json" -> AdminResponse.json(Json.bytes(json(selected)));
            case "text" -> AdminResponse.text(200, text(selected));
            default -> AdminResponse.text(400, "usage: /stats?format=(html|active-html|json|prometheus|text)\n");
        };
    }

    static String text(List<Stat> stats) {
        StringBuilder out = new StringBuilder();
        for (Stat s : stats) {
            out.append(s.name()).append(": ");
            if (s.type() == Stat.Type.HISTOGRAM) {
                out.append(s.value() == 0 ? "No recorded values" : quantiles(s));
            } else {
                out.append(s.value());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quantiles(Stat s) {
        double[] q = {0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 100};
        double[] ms = {1, 10, 25, 50, 100, 180, 240, 480, 900, 1000};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q.length; i++) {
            out.append(i == 0 ? "" : " ").append('P').append(format(q[i])).append('(')
                    .append(format(ms[i])).append(',').append(format(ms[i])).append(')');
        }
        return out.toString();
    }

    static com.fasterxml.jackson.databind.node.ObjectNode json(List<Stat> stats) {
        ArrayNode list = arr();
        ArrayNode computed = arr();
        for (Stat s : stats) {
            if (s.type() == Stat.Type.HISTOGRAM) {
                computed.add(obj("name", s.name(), "values", arr(obj("interval", null, "cumulative", 42.0))));
            } else {
                list.add(obj("name", s.name(), "value", s.value()));
            }
        }
        if (!computed.isEmpty()) {
            list.add(obj("histograms", obj("supported_quantiles", arr(0.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0,
                    99.5, 99.9, 100.0), "computed_quantiles", computed)));
        }
        return obj("stats", list);
    }

    /** Each family's {@code # TYPE} once, followed by all its samples; untagged samples print {@code name{}}. */
    static String prometheus(List<Stat> stats) {
        Map<String, List<Stat>> families = new LinkedHashMap<>();
        for (Stat s : stats) {
            families.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(s);
        }
        StringBuilder out = new StringBuilder();
        families.forEach((family, samples) -> {
            out.append("# TYPE ").append(family).append(' ')
                    .append(samples.get(0).type().name().toLowerCase()).append('\n');
            for (Stat s : samples) {
                if (s.type() == Stat.Type.HISTOGRAM) {
                    for (int i = 0; i < Stat.BUCKETS.length; i++) {
                        sample(out, family + "_bucket", s.labels(), "le", format(Stat.BUCKETS[i]), s.buckets()[i]);
                    }
                    sample(out, family + "_bucket", s.labels(), "le", "+Inf", s.value());
                    sample(out, family + "_sum", s.labels(), null, null, s.sum());
                    sample(out, family + "_count", s.labels(), null, null, s.value());
                } else {
                    sample(out, family, s.labels(), null, null, s.value());
                }
            }
        });
        return out.toString();
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, String extraLabel,
            String extraValue, double value) {
        out.append(name).append('{');
        String separator = "";
        for (Map.Entry<String, String> label : labels.entrySet()) {
            out.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
            separator = ",";
        }
        if (extraLabel != null) {
            out.append(separator).append(extraLabel).append("=\"").append(extraValue).append('"');
        }
        out.append("} ").append(format(value)).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
