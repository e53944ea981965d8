package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's {@code /v1/consumers} (ConsumersController, ConsumerServiceImpl, KeyAuthCredentialHandler, higress-console
 * main): consumers are entries of the internal key-auth instance's {@code consumers} (stored in {@code internal});
 * POST and PUT both add or update (POST 201, PUT 200 with the consumer read back; POST of a consumer without a key-auth
 * credential removes its entry and answers 201 with no body), Consumer.validate's 400s, a credential value another
 * consumer holds with the same source and key is an IllegalArgumentException (500), a PUT merges source, key and values
 * onto the stored entry; DELETE 204, a missing consumer too, 500 "still in use" while an allow list names it. A GET
 * answers {@code {name, credentials: [{type, source, key, values}]}} with nulls written.
 */
final class ConsoleConsumers {
    private static final String PLUGIN = "key-auth";
    private final ConsoleCollection internal;

    ConsoleConsumers(ConsoleCollection internal) {
        this.internal = internal;
    }

    synchronized ConsoleAnswer handle(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> save(body, false, 201);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> {
                ObjectNode c = consumers().get(name);
                yield c == null ? empty(404) : envelope(c);
            }
            case "PUT" -> {
                if (body == null || !body.isObject()) {
                    yield invalid("malformed body");
                }
                ObjectNode b = ((ObjectNode) body).deepCopy();
                String given = ConsoleObjects.text(b, "name");
                if (given != null && !given.equals(name)) {
                    yield invalid("Consumer name in the URL doesn't match the one in the body.");
                }
                yield save(b.put("name", name), true, 200);
            }
            case "DELETE" -> delete(name);
            default -> empty(405);
        };
    }

    synchronized List<ObjectNode> all() {
        return new ArrayList<>(consumers().values());
    }

    /** The consumer entry as the key-auth instance stores it, or null. */
    synchronized ObjectNode entry(String name) {
        for (JsonNode e : instance().path("configurations").path("consumers")) {
            if (name.equals(e.path("name").asText(null))) {
                return (ObjectNode) e.deepCopy();
            }
        }
        return null;
    }

    /** Sets the allow list of a route's key-auth instance (what the console's allow-list API does). */
    synchronized void allow(String route, List<String> consumers) {
        ObjectNode i = instance();
        ObjectNode allow = i.with("routeAllow");
        ArrayNode list = allow.putArray(route);
        consumers.forEach(list::add);
        internal.put(PLUGIN, i);
    }

    /** Forgets every consumer and allow list: the key-auth instance as the console creates it at start-up. */
    synchronized void clear() {
        ObjectNode keyAuth = ConsoleSimulator.JSON.createObjectNode().put("enabled", true);
        keyAuth.putObject("configurations").put("global_auth", false).putArray("consumers");
        internal.put(PLUGIN, keyAuth);
    }

    private ObjectNode instance() {
        ObjectNode i = internal.get(PLUGIN);
        return i == null ? ConsoleSimulator.JSON.createObjectNode() : i;
    }

    private ConsoleAnswer save(JsonNode body, boolean forUpdate, int status) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        String name = ConsoleObjects.text(body, "name");
        if (name == null) {
            return invalid("name cannot be blank.");
        }
        if (!body.path("credentials").isArray() || body.get("credentials").isEmpty()) {
            return invalid("credentials cannot be empty.");
        }
        JsonNode keyAuth = null;
        for (JsonNode c : body.get("credentials")) {
            if (!"key-auth".equals(c.path("type").asText())) {
                continue; // a plain Credential: its validate checks nothing
            }
            String source = ConsoleObjects.text(c, "source");
            if (source == null) {
                return invalid("source cannot be blank.");
            }
            if (!List.of("BEARER", "HEADER", "QUERY").contains(source)) {
                return invalid("unknown source value: " + source);
            }
            if (!source.equals("BEARER") && ConsoleObjects.text(c, "key") == null) {
                return invalid("key cannot be blank.");
            }
            if (!forUpdate && (!c.path("values").isArray() || c.get("values").isEmpty())) {
                return invalid("value cannot be blank.");
            }
            keyAuth = keyAuth == null ? c : keyAuth;
        }
        ObjectNode i = instance();
        i.put("enabled", true);
        ObjectNode conf = i.with("configurations");
        ArrayNode entries = conf.withArray("consumers");
        if (keyAuth == null) {
            remove(entries, name);
            internal.put(PLUGIN, i);
            return empty(status);
        }
        ObjectNode existing = null;
        for (JsonNode e : entries) {
            ObjectNode other = credential(e);
            if (other == null) {
                continue;
            }
            if (name.equals(e.path("name").asText())) {
                existing = (ObjectNode) e;
            } else if (same(keyAuth, other)) {
                return error(500, AiProviders.ILLEGAL + "Key auth credential already in use by consumer: "
                        + e.path("name").asText());
            }
        }
        String source = keyAuth.path("source").asText();
        String key = ConsoleObjects.text(keyAuth, "key");
        JsonNode values = keyAuth.path("values");
        if (existing != null) { // mergeExistedConfig
            ObjectNode old = credential(existing);
            key = key != null ? key : ConsoleObjects.text(old, "key");
            values = values.isArray() && !values.isEmpty() ? values : old.get("values");
        } else {
            existing = entries.addObject().put("name", name);
        }
        boolean query = source.equals("QUERY");
        existing.put("in_header", !query).put("in_query", query);
        List<String> stored = new ArrayList<>();
        values.forEach(v -> stored.add(source.equals("BEARER") ? "Bearer " + v.asText() : v.asText()));
        existing.putArray("keys").add(source.equals("BEARER") ? "Authorization" : key);
        ArrayNode credentials = existing.putArray("credentials");
        stored.forEach(credentials::add);
        existing.remove("credential");
        conf.put("global_auth", false);
        internal.put(PLUGIN, i);
        return raw(status, consumers().get(name));
    }

    private ConsoleAnswer delete(String name) {
        ObjectNode i = instance();
        for (JsonNode allowed : i.path("routeAllow")) {
            for (JsonNode n : allowed) {
                if (name.equals(n.asText())) {
                    return error(500, ConsoleAnswer.BUSINESS + "Consumer " + name + " is still in use");
                }
            }
        }
        if (remove(i.with("configurations").withArray("consumers"), name)) {
            internal.put(PLUGIN, i);
        }
        return empty(204);
    }

    private static boolean remove(ArrayNode entries, String name) {
        boolean removed = false;
        for (int j = entries.size() - 1; j >= 0; j--) {
            if (name.equals(entries.get(j).path("name").asText(null))) {
                entries.remove(j);
                removed = true;
            }
        }
        return removed;
    }

    /** hasSameCredential: the same source (ignoring case) and key, and a value in common. */
    private static boolean same(JsonNode mine, ObjectNode theirs) {
        if (!mine.path("source").asText().equalsIgnoreCase(theirs.path("source").asText())
                || !java.util.Objects.equals(ConsoleObjects.text(mine, "key"), ConsoleObjects.text(theirs, "key"))) {
            return false;
        }
        for (JsonNode v : mine.path("values")) {
            for (JsonNode w : theirs.path("values")) {
                if (v.asText().equals(w.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, ObjectNode> consumers() {
        Map<String, ObjectNode> out = new TreeMap<>();
        for (JsonNode e : instance().path("configurations").path("consumers")) {
            ObjectNode c = credential(e);
            if (c != null) {
                ObjectNode consumer = ConsoleSimulator.JSON.createObjectNode().put("name", e.path("name").asText());
                consumer.putArray("credentials").add(c);
                out.putIfAbsent(consumer.path("name").asText(), consumer);
            }
        }
        return out;
    }

    /** parseCredential: the KeyAuthCredential an entry holds, as the console answers it; null if none. */
    private static ObjectNode credential(JsonNode e) {
        String name = ConsoleObjects.text(e, "name");
        String key = null;
        for (JsonNode k : e.path("keys")) {
            if (k.isTextual() && !k.asText().isBlank()) {
                key = k.asText();
            }
        }
        if (name == null || key == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        e.path("credentials").forEach(v -> values.add(v.asText()));
        String source;
        if (e.path("in_header").asBoolean(false)) {
            if (key.equals("Authorization") && values.stream().allMatch(v -> v.startsWith("Bearer "))) {
                source = "BEARER";
                key = null;
                values.replaceAll(v -> v.substring(7).trim());
            } else {
                source = "HEADER";
            }
        } else if (e.path("in_query").asBoolean(false)) {
            source = "QUERY";
        } else {
            return null;
        }
        ObjectNode c = ConsoleSimulator.JSON.createObjectNode().put("type", "key-auth").put("source", source)
                .put("key", key);
        ArrayNode v = c.putArray("values");
        values.forEach(v::add);
        return c;
    }
}
