package io.higress.fleet.security.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** Filters of GET /api/v1/audit: a time range, an exact principal, an action prefix ("POST", "POST /api/v1/routes"). */
@RegisterForReflection
public record AuditQuery(Instant since, Instant until, String principal, String action, int limit) {

    boolean accepts(AuditEntry e) {
        Instant t;
        try {
            t = Instant.parse(e.time());
        } catch (RuntimeException ex) {
            return false;
        }
        return (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until))
                && (principal == null || principal.equals(e.principal()))
                && (action == null || (e.action() != null && e.action().startsWith(action)));
    }
}
