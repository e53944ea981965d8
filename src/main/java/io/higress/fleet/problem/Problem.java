package io.higress.fleet.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details with the facade's extensions (contract §8). Immutable; use the with* copies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
@RegisterForReflection
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        String cluster,
        String gateway,
        UpstreamInfo upstream,
        String hint,
        List<?> errors,
        @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore Long retryAfterSeconds) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** What the upstream said, when a problem comes from one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record UpstreamInfo(String kind, Integer status, String reason) {
    }

    /** One field that failed validation. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null, null, null,
                type.hint(), null, null);
    }

    public static Problem invalid(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).toList());
        return of(ProblemType.INVALID_REQUEST, "invalid fields: " + fields).withErrors(errors);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public Problem withDetail(String v) {
        return new Problem(type, title, status, v, instance, requestId, cluster, gateway, upstream, hint, errors, retryAfterSeconds);
    }

    public Problem withInstance(String v) {
        return new Problem(type, title, status, detail, v, requestId, cluster, gateway, upstream, hint, errors, retryAfterSeconds);
    }

    public Problem withRequestId(String v) {
        return new Problem(type, title, status, detail, instance, v, cluster, gateway, upstream, hint, errors, retryAfterSeconds);
    }

    public Problem withTarget(String c, String g) {
        return new Problem(type, title, status, detail, instance, requestId, c, g, upstream, hint, errors, retryAfterSeconds);
    }

    public Problem withUpstream(UpstreamInfo v) {
        return new Problem(type, title, status, detail, instance, requestId, cluster, gateway, v, hint, errors, retryAfterSeconds);
    }

    public Problem withHint(String v) {
        return new Problem(type, title, status, detail, instance, requestId, cluster, gateway, upstream, v, errors, retryAfterSeconds);
    }

    public Problem withErrors(List<?> v) {
        return new Problem(type, title, status, detail, instance, requestId, cluster, gateway, upstream, hint, v, retryAfterSeconds);
    }

    public Problem withRetryAfter(Long seconds) {
        return new Problem(type, title, status, detail, instance, requestId, cluster, gateway, upstream, hint, errors, seconds);
    }

    public Problem withStatus(int v) {
        return new Problem(type, title, v, detail, instance, requestId, cluster, gateway, upstream, hint, errors, retryAfterSeconds);
    }
}
