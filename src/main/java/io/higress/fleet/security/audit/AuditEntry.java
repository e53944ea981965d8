package io.higress.fleet.security.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One line of the audit log. Never holds a credential: no headers, no bodies, no tokens, only who (principal and
 * roles), what (method + path, targets, and for a write each object in each cluster: {@code writes}), when, the
 * outcome and the request id to find the matching log lines.
 *
 * @param outcome {@code ok} (2xx/3xx), {@code denied} (401, 403, 429) or {@code failed} (any other error)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record AuditEntry(String time, String requestId, String principal, List<String> roles, String action,
        Map<String, String> targets, List<AuditedWrite> writes, int status, String outcome, String client) {

    public static String outcomeOf(int status) {
        if (status == 401 || status == 403 || status == 429) {
            return "denied";
        }
        return status >= 400 ? "failed" : "ok";
    }
}
