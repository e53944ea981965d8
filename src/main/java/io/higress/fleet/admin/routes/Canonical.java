package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A JSON value as text with object keys sorted: two matches that say the same compare equal. */
final class Canonical {

    private Canonical() {
    }

    static String of(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            sb.append('{');
            for (int i = 0; i < names.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(TextNode.valueOf(names.get(i))).append(':');
                write(node.get(names.get(i)), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(node.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(node);
        }
    }
}
