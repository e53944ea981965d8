package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Gateways that share one content hash. */
@RegisterForReflection
public record HashGroup(String hash, List<GatewayRef> gateways) {
}
