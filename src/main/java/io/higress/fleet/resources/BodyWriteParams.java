package io.higress.fleet.resources;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a write with a body (POST, PUT): a write's, plus the kinds' write options
 * ({@link Kind#writeOptions}), each a field of the body the query may give instead.
 */
public class BodyWriteParams extends WriteParams {
    public static final String API = "api";

    @QueryParam(API)
    @Parameter(description = "routes: ingress (a networking.k8s.io/v1 Ingress) or gateway (a "
            + "gateway.networking.k8s.io/v1 HTTPRoute attached to the cluster's gateway-parent), as the body's api; "
            + "default: the route's own, else each cluster's routes-api. A PUT giving the other one moves the route")
    public String api;
}
