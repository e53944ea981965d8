package io.higress.fleet.admin.consistency;

import java.util.List;

/** Gateways that share one content hash. */
public record HashGroup(String hash, List<GatewayRef> gateways) {
}
