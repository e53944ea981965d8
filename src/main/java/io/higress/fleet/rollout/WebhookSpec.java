package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One webhook gate: the wave's context is POSTed to {@code url}; a 2xx answer within {@code timeout} passes. */
@Schema(name = "RolloutWebhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record WebhookSpec(
        @Schema(description = "http or https URL the wave's context is POSTed to") String url,
        @Schema(description = "how long the hook may take to answer, a Go duration; default 10s, at most 5m")
        String timeout,
        @Schema(description = "headers sent with the call (e.g. Authorization); the rollout shows their names "
                + "only") Map<String, String> headers) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    @JsonIgnore
    Duration timeoutDuration() {
        return timeout == null ? DEFAULT_TIMEOUT : GoDuration.parse(timeout);
    }

    /**
     * The URL as messages and views show it: no user info and no query, which may carry credentials
     * ({@code https://user:pw@host/x?token=...} is shown as {@code https://host/x?…}).
     */
    @JsonIgnore
    String shownUrl() {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?…");
        } catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }

    /** The hook as the rollout's view shows it: the URL shown, the headers' values hidden. */
    WebhookSpec shown() {
        Map<String, String> names = null;
        if (headers != null) {
            names = new LinkedHashMap<>();
            for (String name : headers.keySet()) {
                names.put(name, Redaction.REDACTED);
            }
        }
        return new WebhookSpec(shownUrl(), timeout == null ? "10s" : timeout, names);
    }
}
