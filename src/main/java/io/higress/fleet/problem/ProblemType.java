package io.higress.fleet.problem;

/**
 * Every kind of problem the facade answers, with its stable type URI, status and the hint of the contract's
 * mapping table (§8). docs/errors.md documents each one.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", 400, "Invalid request", "fix the fields listed in errors[]"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required", "check that the token is valid and not expired"),
    FORBIDDEN("forbidden", 403, "Not allowed", "ask an administrator for the role this action needs"),
    NOT_FOUND("not-found", 404, "Not found", "confirm the resource name"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "see /q/openapi for the methods of this path"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", "ask for application/json"),
    CONFLICT("conflict", 409, "Conflict",
            "if it exists: update it, or delete it first; if the version is stale: re-read and retry"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large", "send a smaller body"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", "send application/json"),
    UNPROCESSABLE("unprocessable", 422, "Unprocessable entity", "fix the fields listed in errors[]"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests", "wait for Retry-After seconds"),
    TOO_MANY_FLEET_READS("too-many-fleet-reads", 429, "Too many fleet reads at once",
            "wait for one of your fleet reads to end, or retry after Retry-After seconds"),
    INTERNAL("internal", 500, "Internal error", "report it with the requestId"),
    UPSTREAM_UNAUTHORIZED("upstream-unauthorized", 502, "Upstream rejected the facade's credentials",
            "check the cluster's kubeconfig token or console password"),
    UPSTREAM_FORBIDDEN("upstream-forbidden", 502, "Upstream denied the facade",
            "check the facade's RBAC in that cluster"),
    UPSTREAM_ERROR("upstream-error", 502, "Upstream failed", "check the gateway or controller logs"),
    UPSTREAM_UNREACHABLE("upstream-unreachable", 502, "Upstream unreachable",
            "check that the upstream is running and reachable from the facade"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", 503, "Upstream temporarily refused by the facade",
            "its circuit breaker is open or too many calls are in flight; retry after Retry-After seconds"),
    UPSTREAM_TIMEOUT("upstream-timeout", 504, "Upstream too slow",
            "the upstream did not answer in time; a busy Envoy admin is often only slow, retry later");

    public static final String BASE_URI = "https://higress-fleet.io/problems/";

    private final String slug;
    private final int status;
    private final String title;
    private final String hint;

    ProblemType(String slug, int status, String title, String hint) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.hint = hint;
    }

    public String uri() {
        return BASE_URI + slug;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String hint() {
        return hint;
    }

    public static ProblemType forClientStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            default -> status >= 500 ? INTERNAL : INVALID_REQUEST;
        };
    }
}
