package io.higress.fleet.upstream.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A console as {@code GET /api/v1/clusters} shows it: its URL, whether it answers, its version, what went wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ConsoleStatus(String url, boolean reachable, String version, String error) {
}
