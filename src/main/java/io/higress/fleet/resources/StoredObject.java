package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One object as its store holds (or answered) it: where, its body, and its optimistic-concurrency version. */
@RegisterForReflection
public record StoredObject(ObjectAddress address, ObjectNode body, String version) {

    /** The first of {@code objects} of that type (a snapshot's shared McpBridge or WasmPlugin), or null. */
    public static StoredObject first(List<StoredObject> objects, KubernetesType type) {
        return objects.stream().filter(o -> o.address().type().equals(type)).findFirst().orElse(null);
    }
}
