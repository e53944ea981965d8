package io.higress.fleet.resources;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of aggregated reads: targeting and the namespace. */
public class ReadParams {
    @QueryParam("clusters")
    @Parameter(description = "cluster names, comma-separated")
    public String clusters;

    @QueryParam("selector")
    @Parameter(description = "label selector over the clusters' labels, e.g. env=prod")
    public String selector;

    @QueryParam("namespace")
    @Parameter(description = "namespace of the objects (default fleet.resources.namespace, higress-system)")
    public String namespace;
}
