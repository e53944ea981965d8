package io.higress.fleet.admin.stream;

import io.higress.fleet.fanout.FleetSummary;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * How a fleet answer is laid out on the wire when it is written item by item (contract §4). Every item is compact
 * JSON without a raw line break (Jackson escapes control characters in strings), so one item fits one ND-JSON line
 * and one SSE {@code data:} line.
 */
public enum StreamFraming {
    /** The §4 document {@code {"items":[...],"summary":{...},"partial":b}}, written as the items complete. */
    JSON("application/json"),
    /** One item per line, then {@code {"summary":{...}}}. */
    NDJSON("application/x-ndjson"),
    /** SSE events {@code item}, then one {@code summary}. */
    SSE("text/event-stream");

    private final String contentType;

    StreamFraming(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * ND-JSON or SSE when the caller prefers it, else null (a plain JSON answer): the media range with the highest
     * {@code q} wins, the first listed on a tie, so a client that lists every type an endpoint produces
     * ({@code application/json, application/x-ndjson, text/event-stream}, as generated clients do) gets JSON.
     */
    public static StreamFraming streamingFor(String accept) {
        String preferred = preferred(accept);
        if (NDJSON.contentType.equals(preferred)) {
            return NDJSON;
        }
        return SSE.contentType.equals(preferred) ? SSE : null;
    }

    /** The media range of {@code Accept} with the highest {@code q} (the first on a tie), lower case; null for none. */
    public static String preferred(String accept) {
        if (accept == null) {
            return null;
        }
        String preferred = null;
        double best = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > best) {
                best = q;
                preferred = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return preferred;
    }

    Buffer open() {
        return Buffer.buffer(this == JSON ? "{\"items\":[" : "");
    }

    Buffer beforeItem(boolean first) {
        return Buffer.buffer(switch (this) {
            case JSON -> first ? "" : ",";
            case NDJSON -> "";
            case SSE -> "event: item\ndata: ";
        });
    }

    Buffer afterItem() {
        return Buffer.buffer(switch (this) {
            case JSON -> "";
            case NDJSON -> "\n";
            case SSE -> "\n\n";
        });
    }

    Buffer close(FleetSummary summary) {
        String counts = "{\"total\":" + summary.total() + ",\"ok\":" + summary.ok() + ",\"failed\":" + summary.failed()
                + "}";
        return Buffer.buffer(switch (this) {
            case JSON -> "],\"summary\":" + counts + ",\"partial\":" + (summary.failed() > 0) + "}";
            case NDJSON -> "{\"summary\":" + counts + "}\n";
            case SSE -> "event: summary\ndata: {\"summary\":" + counts + "}\n\n";
        });
    }
}
