package io.higress.fleet.admin.configdump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Follows the tokens of one resource wrapper (e.g. an element of {@code dynamic_active_clusters}) and finds its
 * name, version and timestamp while hashing it. Name, {@code version_info} and {@code last_updated} are the
 * shallowest such fields not inside an array: {@code dynamic_listeners[].name} (depth 1) wins over
 * {@code active_state.listener.name} (depth 3); {@code cluster.name} and {@code endpoint_config.cluster_name}
 * are at depth 2, and a cluster's {@code transport_socket.name} at depth 3 loses to them.
 */
final class ResourceCapture {

    private final String group;
    private final String fixedName;
    private final String fallbackName;
    private final CanonicalJsonHasher hasher;
    private final KeyNames keyNames;
    private int objectDepth;
    private int arrayDepth;
    private String pendingKey;
    private final Found name = new Found();
    private final Found version = new Found();
    private final Found lastUpdated = new Found();

    private static final class Found {
        String value;
        int depth = Integer.MAX_VALUE;

        void offer(String v, int d) {
            if (d < depth) {
                value = v;
                depth = d;
            }
        }
    }

    /** @param fixedName the name to use whatever the content (single-object sections such as bootstrap), or null */
    ResourceCapture(String group, String fixedName, String fallbackName, KeyNames keyNames) {
        this.group = group;
        this.fixedName = fixedName;
        this.fallbackName = fallbackName;
        this.keyNames = keyNames;
        this.hasher = new CanonicalJsonHasher(keyNames);
    }

    /** Returns true when the resource's last token was consumed. */
    boolean accept(JsonToken token, JsonParser parser) throws IOException {
        switch (token) {
            case START_OBJECT -> objectDepth++;
            case END_OBJECT -> objectDepth--;
            case START_ARRAY -> arrayDepth++;
            case END_ARRAY -> arrayDepth--;
            case FIELD_NAME -> pendingKey = keyNames.snake(parser.currentName());
            case VALUE_STRING -> {
                if (arrayDepth == 0 && pendingKey != null) {
                    switch (pendingKey) {
                        case "name", "cluster_name" -> name.offer(parser.getText(), objectDepth);
                        case "version_info" -> version.offer(parser.getText(), objectDepth);
                        case "last_updated" -> lastUpdated.offer(parser.getText(), objectDepth);
                        default -> { }
                    }
                }
            }
            default -> { }
        }
        return hasher.accept(token, parser);
    }

    ResourceSummary summary() {
        String resolved = fixedName != null ? fixedName : (name.value != null ? name.value : fallbackName);
        return new ResourceSummary(group, resolved, version.value, lastUpdated.value, hasher.hex());
    }
}
