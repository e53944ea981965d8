package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses Envoy's {@code /stats}: text ({@code name: value} per line) and JSON ({@code {"stats":[{"name","value"},
 * ..., {"histograms":{...}}]}}).
 */
public final class StatsParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsParser() {
    }

    public static StatsSnapshot parseText(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, String> readouts = new LinkedHashMap<>();
        Map<String, String> histograms = new LinkedHashMap<>();
        int start = 0;
        int lineNo = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            lineNo++;
            int sep = text.indexOf(": ", start);
            if (sep < 0 || sep >= end) {
                if (!text.substring(start, end).isBlank()) {
                    throw new MalformedAdminResponseException("/stats line " + lineNo + ": no 'name: value'");
                }
            } else {
                String name = text.substring(start, sep);
                String value = text.substring(sep + 2, end).strip();
                classify(name, value, values, readouts, histograms);
            }
            start = end + 1;
        }
        return snapshot(values, readouts, histograms);
    }

    private static void classify(String name, String value, Map<String, Long> values, Map<String, String> readouts,
            Map<String, String> histograms) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            readouts.put(name, value.substring(1, value.length() - 1));
        } else if (value.startsWith("P0(") || value.equals("No recorded values")) {
            histograms.put(name, value);
        } else {
            try {
                values.put(name, Long.parseLong(value));
            } catch (NumberFormatException e) {
                try {
                    values.put(name, Long.parseUnsignedLong(value));
                } catch (NumberFormatException again) {
                    readouts.put(name, value);
                }
            }
        }
    }

    public static StatsSnapshot parseJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw MalformedAdminResponseException.invalidJson("/stats", e);
        }
        if (root == null || !root.path("stats").isArray()) {
            throw new MalformedAdminResponseException("/stats: expected {\"stats\":[...]}");
        }
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, String> readouts = new LinkedHashMap<>();
        Map<String, String> histograms = new LinkedHashMap<>();
        for (JsonNode stat : root.get("stats")) {
            if (stat.has("histograms")) {
                readHistograms(stat.get("histograms"), histograms);
            } else if (stat.has("name")) {
                JsonNode value = stat.path("value");
                if (value.isIntegralNumber()) {
                    values.put(stat.get("name").asText(), value.asLong());
                } else {
                    readouts.put(stat.get("name").asText(), value.asText());
                }
            }
        }
        return snapshot(values, readouts, histograms);
    }

    /** {@code {"supported_quantiles":[0,25,...],"computed_quantiles":[{"name","values":[{"interval","cumulative"}]}]}} */
    private static void readHistograms(JsonNode node, Map<String, String> out) {
        JsonNode quantiles = node.path("supported_quantiles");
        for (JsonNode computed : node.path("computed_quantiles")) {
            StringBuilder sb = new StringBuilder();
            JsonNode values = computed.path("values");
            boolean any = false;
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                any |= v.has("interval") || v.has("cumulative");
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append('P').append(quantileLabel(quantiles.path(i))).append('(')
                        .append(number(v.path("interval"))).append(',').append(number(v.path("cumulative"))).append(')');
            }
            out.put(computed.path("name").asText(), any ? sb.toString() : "No recorded values");
        }
    }

    private static String quantileLabel(JsonNode q) {
        double d = q.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? n.asText() : "nan";
    }

    private static StatsSnapshot snapshot(Map<String, Long> values, Map<String, String> readouts,
            Map<String, String> histograms) {
        return new StatsSnapshot(Collections.unmodifiableMap(values), Collections.unmodifiableMap(readouts),
                Collections.unmodifiableMap(histograms));
    }
}
