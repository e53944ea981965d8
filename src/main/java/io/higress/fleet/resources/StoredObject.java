package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One object as its store holds (or answered) it: where, its body, and its optimistic-concurrency version. */
@RegisterForReflection
public record StoredObject(ObjectAddress address, ObjectNode body, String version) {
}
