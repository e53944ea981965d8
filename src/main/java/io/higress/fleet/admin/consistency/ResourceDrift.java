package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A resource that is not the same on every gateway.
 *
 * @param resource  {@code group/name}, e.g. {@code dynamic_active_clusters/outbound|80||foo.svc.cluster.local}
 * @param missingOn gateways that do not have it
 * @param variants  the gateways having it, grouped by its content hash (one group if only presence differs)
 */
@RegisterForReflection
public record ResourceDrift(String resource, List<GatewayRef> missingOn, List<HashGroup> variants) {
}
