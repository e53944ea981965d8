package io.higress.fleet.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One notification: {@code id} (the same on every delivery attempt, so receivers can drop duplicates), its type's
 * wire name, when it happened, one line for people ({@code summary}, Slack's text) and the details ({@code data},
 * secrets redacted).
 */
@RegisterForReflection
public record Event(String id, String type, Instant time, String summary, JsonNode data) {
}
