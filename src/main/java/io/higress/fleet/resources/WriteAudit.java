package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.security.audit.AuditRecorder;
import io.higress.fleet.security.audit.AuditedWrite;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A write's audit entry names what it did: the clusters it targeted (resolved, not only the query), and each
 * object's outcome and version in each cluster (docs/security.md, "Audit log").
 */
public final class WriteAudit {

    private WriteAudit() {
    }

    /** Before the write: the clusters the targeting resolved to, so that a refused write names them too. */
    public static void targets(RoutingContext ctx, List<Cluster> targets) {
        if (ctx != null) {
            AuditRecorder.target(ctx, "clusters", String.join(",", targets.stream().map(Cluster::name).toList()));
        }
    }

    public static void answered(RoutingContext ctx, WriteAnswer answer) {
        if (ctx != null) {
            AuditRecorder.writes(ctx, of(answer.results()));
        }
    }

    public static List<AuditedWrite> of(List<WriteResult> results) {
        return results.stream().map(r -> new AuditedWrite(r.cluster(), r.kind(), r.namespace(), r.name(), r.status(),
                r.resourceVersion())).toList();
    }
}
