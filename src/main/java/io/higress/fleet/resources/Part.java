package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One stored object as a write wants it. {@code label} prefixes its field differences in answers when an object has
 * several parts ({@code /instance/enabled}); null for the single object of a kind.
 */
@RegisterForReflection
public record Part(ObjectAddress address, ObjectNode body, String label) {
}
