package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One difference in a plan: {@code path} is a JSON pointer (RFC 6901); {@code from}/{@code to} null when absent. */
@RegisterForReflection
public record FieldChange(String path, JsonNode from, JsonNode to) {
}
