package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.admin.configdump.KeyNames;
import io.higress.fleet.admin.configdump.ValueSkip;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Builds a small tree of one route ({@code virtual_hosts[].routes[]}) from its tokens, keeping only what the table
 * shows: {@code name}, {@code match} and the action, of {@code route} only where it sends. Per-filter
 * configurations, metadata, decorators and the other actions' content are skipped token by token, so a route
 * holding a large plugin configuration costs no memory.
 */
final class RouteCapture {

    private static final Set<String> ROUTE_TARGETS = Set.of("cluster", "weighted_clusters", "cluster_header");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KeyNames keys;
    private final Deque<JsonNode> open = new ArrayDeque<>();
    private ObjectNode root;
    private String field;
    private final ValueSkip skip = new ValueSkip();

    RouteCapture(KeyNames keys) {
        this.keys = keys;
    }

    /** Returns true when the route's last token was consumed; {@link #route()} then holds it. */
    boolean accept(JsonToken token, JsonParser parser) throws IOException {
        if (skip.swallowed(token)) {
            return false;
        }
        if (token == JsonToken.FIELD_NAME) {
            field = keys.snake(parser.currentName());
            return false;
        }
        if (token.isStructEnd()) {
            open.pop();
            return open.isEmpty();
        }
        if (root == null) {
            root = NODES.objectNode();
            open.push(root);
            return false;
        }
        if (!kept()) {
            if (token.isStructStart()) {
                skip.start();
                if (open.size() == 1 && RouteEntry.ACTIONS.contains(field)) {
                    root.putObject(field); // the action is known, its content is not shown
                }
            }
            return false;
        }
        JsonNode value = switch (token) {
            case START_OBJECT -> NODES.objectNode();
            case START_ARRAY -> NODES.arrayNode();
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? NODES.numberNode(parser.getIntValue()) : NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            default -> NODES.nullNode();
        };
        JsonNode parent = open.peek();
        if (parent instanceof ObjectNode o) {
            o.set(field, value);
        } else {
            ((ArrayNode) parent).add(value);
        }
        if (token.isStructStart()) {
            open.push(value);
        }
        return false;
    }

    /** At the route's top level: name, match and route; inside route: where it sends; below that: everything. */
    private boolean kept() {
        if (open.size() == 1) {
            return field.equals("name") || field.equals("match") || field.equals("route");
        }
        if (open.size() == 2 && open.peek() == root.get("route")) {
            return ROUTE_TARGETS.contains(field);
        }
        return true;
    }

    ObjectNode route() {
        return root;
    }
}
