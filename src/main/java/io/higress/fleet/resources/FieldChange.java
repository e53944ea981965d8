package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;

/** One difference in a plan: {@code path} is a JSON pointer (RFC 6901); {@code from}/{@code to} null when absent. */
public record FieldChange(String path, JsonNode from, JsonNode to) {
}
