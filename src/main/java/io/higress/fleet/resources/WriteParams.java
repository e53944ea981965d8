package io.higress.fleet.resources;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters every write takes (contract §5): targeting, dryRun, force and the namespace. */
public class WriteParams {
    @QueryParam("clusters")
    @Parameter(description = "cluster names, comma-separated")
    public String clusters;

    @QueryParam("selector")
    @Parameter(description = "label selector over the clusters' labels, e.g. env=prod")
    public String selector;

    @QueryParam("dryRun")
    @Parameter(description = "answer the plan per cluster (create|update|unchanged|delete and the field differences); write nothing")
    public boolean dryRun;

    @QueryParam("force")
    @Parameter(description = "modify objects that lack the label app.kubernetes.io/managed-by=higress-fleet")
    public boolean force;

    @QueryParam("namespace")
    @Parameter(description = "namespace of the objects (default fleet.resources.namespace, higress-system)")
    public String namespace;
}
