package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.upstream.console.HigressConsoleClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@link ObjectStore} of {@code management: console} clusters: the Higress Console's collections
 * ({@link ConsoleType}) through {@link HigressConsoleClient}. Its objects are the console's own (a route, a plugin
 * instance, a service source), read and written whole: the console replaces the object on PUT, so the forms send
 * everything they read. The answer of a write is what the console holds now.
 */
@ApplicationScoped
public class ConsoleStore implements ObjectStore {

    private final HigressConsoleClient console;

    public ConsoleStore(HigressConsoleClient console) {
        this.console = console;
    }

    @Override
    public Uni<StoredObject> get(Cluster cluster, ObjectAddress a) {
        ConsoleType type = type(a.type());
        return console.find(cluster.name(), type.itemPath(a.name())).map(found -> found
                .filter(o -> o.isObject() && !(type.absentWithoutVersion() && type.versionOf((ObjectNode) o) == null))
                .map(o -> stored(type, a.name(), o)).orElse(null));
    }

    @Override
    public Uni<List<StoredObject>> list(Cluster cluster, StoredType t, String namespace, boolean managedOnly) {
        ConsoleType type = type(t);
        return console.list(cluster.name(), type.path()).map(all -> all.stream().filter(JsonNode::isObject)
                .map(o -> stored(type, o.path("name").asText(), o)).toList());
    }

    @Override
    public Uni<StoredObject> create(Cluster cluster, ObjectAddress a, ObjectNode body) {
        ConsoleType type = type(a.type());
        Uni<JsonNode> sent = type.saveAtCollection() ? console.put(cluster.name(), type.path(), body)
                : type.createByPut() ? console.put(cluster.name(), type.itemPath(a.name()), body)
                : console.post(cluster.name(), type.path(), body);
        return sent.map(answer -> stored(type, a.name(), answer));
    }

    @Override
    public Uni<StoredObject> update(Cluster cluster, ObjectAddress a, ObjectNode body) {
        ConsoleType type = type(a.type());
        String path = type.saveAtCollection() ? type.path() : type.itemPath(a.name());
        return console.put(cluster.name(), path, body).map(answer -> stored(type, a.name(), answer));
    }

    @Override
    public Uni<Void> delete(Cluster cluster, ObjectAddress a) {
        return console.delete(cluster.name(), type(a.type()).itemPath(a.name()));
    }

    /** A write's answer; a console that answers no object (an empty body) holds what was sent, version unknown. */
    private static StoredObject stored(ConsoleType type, String name, JsonNode o) {
        ObjectNode body = o instanceof ObjectNode b ? b : Json.MAPPER.createObjectNode();
        return new StoredObject(type.address(name), body, type.versionOf(body));
    }

    private static ConsoleType type(StoredType type) {
        if (!(type instanceof ConsoleType c)) {
            throw new IllegalArgumentException("not a console collection: " + type.label());
        }
        return c;
    }
}
