package io.higress.fleet.security.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a write did to one object in one cluster, as the audit keeps it: no body, no field values, only which object
 * and how it ended. {@code outcome}: the write answer's status ({@code created|updated|unchanged|deleted|error|
 * unknown}, or the planned action of a dry run); {@code resourceVersion}: the upstream's version after it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record AuditedWrite(String cluster, String kind, String namespace, String name, String outcome,
        String resourceVersion) {
}
