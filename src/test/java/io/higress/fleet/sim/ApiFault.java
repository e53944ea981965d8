package io.higress.fleet.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Set;

/**
 * A misbehaviour of a simulated cluster's Kubernetes API server. Only requests whose method matches {@code method}
 * ({@code null} = any; {@code WRITE} = POST, PUT, PATCH or DELETE) and whose path starts with {@code path}
 * ({@code null} = any) are affected. {@code latencyMs} delays the answer (the request is still carried out); then at
 * most one of {@code hang} (never answer, nothing carried out) or {@code status} (answer a Kubernetes
 * {@code Status} with that code, nothing carried out) applies.
 *
 * @param method    GET, POST, PUT, PATCH, DELETE, WRITE or null
 * @param path      request path prefix, e.g. {@code /apis/networking.k8s.io/v1/namespaces/higress-system/ingresses}
 * @param status    answer this HTTP status as a Kubernetes Status object (0 = not set)
 * @param latencyMs delay before answering
 * @param hang      accept the request and never answer
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ApiFault(String method, String path, int status, long latencyMs, boolean hang) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "WRITE");
    static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    public ApiFault {
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
            }
        }
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative");
        }
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, got " + path);
        }
    }

    public static final ApiFault NONE = new ApiFault(null, null, 0, 0, false);

    /** Every request with this method (or WRITE) answers {@code status}. */
    public static ApiFault status(String method, int status) {
        return new ApiFault(method, null, status, 0, false);
    }

    public ApiFault onPath(String prefix) {
        return new ApiFault(method, prefix, status, latencyMs, hang);
    }

    boolean appliesTo(String requestMethod, String requestPath) {
        boolean methodMatches = method == null || method.equals(requestMethod)
                || (method.equals("WRITE") && WRITE_METHODS.contains(requestMethod));
        return methodMatches && (path == null || requestPath.startsWith(path));
    }

    public boolean isNone() {
        return status == 0 && latencyMs == 0 && !hang;
    }
}
