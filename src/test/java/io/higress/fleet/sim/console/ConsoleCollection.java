package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of console object (routes, domains, service sources, custom wasm plugins, plugin instances), by name, with
 * the console's {@code version} (the backing object's resourceVersion, one counter for the whole console like an API
 * server's).
 */
final class ConsoleCollection {
    private final Map<String, ObjectNode> items = new TreeMap<>();
    private final AtomicLong versions;

    ConsoleCollection(AtomicLong versions) {
        this.versions = versions;
    }

    synchronized ObjectNode get(String name) {
        ObjectNode o = items.get(name);
        return o == null ? null : o.deepCopy();
    }

    synchronized List<ObjectNode> all() {
        return items.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Stores a copy with a fresh version and answers it. */
    synchronized ObjectNode put(String name, JsonNode body) {
        ObjectNode o = ((ObjectNode) body).deepCopy();
        o.put("version", Long.toString(versions.incrementAndGet()));
        items.put(name, o);
        return o.deepCopy();
    }

    synchronized boolean remove(String name) {
        return items.remove(name) != null;
    }
}
