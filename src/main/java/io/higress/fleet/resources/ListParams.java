package io.higress.fleet.resources;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A list's parameters: a read's, plus those selecting a kind's view ({@link KindView}) instead of the list. */
public class ListParams extends ReadParams {
    @QueryParam(KindView.EXPIRING_WITHIN)
    @Parameter(description = "tls-certificates: the expiry view instead of the list, for certificates expiring "
            + "within this many days or hours (30d, 72h): which certificate expires when in which cluster, and where "
            + "what the gateways serve (Envoy /certs) differs from what is stored")
    public String expiringWithin;
}
